import {
  TeamsActivityHandler,
  TurnContext,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
} from 'botbuilder';
import type { Logger } from 'pino';
import type { Deps } from '../app/deps';
import { RUN_COMMAND_VERB, type Router } from '../app/router';
import { DIALOG_ANSWER_VERB } from '../app/question.card';
import type { CardActionResult, Turn } from '../app/turn';
import { sendWelcome } from '../features/welcome';
import { checkTenant, OTHER_TENANT_MESSAGE } from '../security/tenant-lock';
import type { ConversationStore } from '../store/conversation-store';
import { createDialogStateStore } from '../store/dialog-states';
import { DialogRunner } from './dialogs/dialog-runner';
import { storeStorage } from './dialogs/store-storage';
import { userMessageFor } from './error-funnel';
import { stripMentions, type MentionEntity } from './mention';
import { cardAttachment, conversationKeyOf, createTurn } from './turn';

export interface TeamsBotOptions {
  router: Router;
  deps: Deps;
  conversations: ConversationStore;
}

const WELCOME_DEDUPE_MS = 5 * 60_000;
/** How long a dialog's question waits for its answer when DIALOG_TIMEOUT_MINUTES is not set. */
const DEFAULT_DIALOG_TIMEOUT_MINUTES = 15;
const CARD_RESPONSE = 'application/vnd.microsoft.card.adaptive';
const MESSAGE_RESPONSE = 'application/vnd.microsoft.activity.message';

/**
 * The only class that knows Teams activities: it remembers every conversation, turns messages,
 * card submits and Action.Execute invokes into router calls, sends the welcome card when the bot
 * is added, and funnels every failure into one user-safe message.
 */
export class TeamsBot extends TeamsActivityHandler {
  private readonly dialogs: DialogRunner;

  constructor(private readonly options: TeamsBotOptions) {
    super();
    const { deps } = options;
    this.dialogs = new DialogRunner({
      routes: options.router,
      deps,
      storage: storeStorage(createDialogStateStore(deps.db), () => deps.now()),
      timeoutMs: (deps.config.dialogTimeoutMinutes ?? DEFAULT_DIALOG_TIMEOUT_MINUTES) * 60_000,
    });
    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
    // Teams announces an install both ways (installationUpdate and conversationUpdate with the bot in
    // membersAdded; the Playground only the first), so the welcome goes out once per conversation and window.
    this.onInstallationUpdateAdd(async (context, next) => {
      await this.welcomeOnce(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      if ((context.activity.membersAdded ?? []).some((m) => m.id === botId)) await this.welcomeOnce(context);
      await next();
    });
  }

  private readonly welcomedAt = new Map<string, number>();

  private async welcomeOnce(context: TurnContext): Promise<void> {
    const key = conversationKeyOf(context);
    const now = this.options.deps.now();
    const last = this.welcomedAt.get(key);
    if (last !== undefined && now - last < WELCOME_DEDUPE_MS) return;
    this.welcomedAt.set(key, now);
    await this.guarded(context, (turn) => sendWelcome(turn, this.options.deps));
  }

  protected override async onTurnActivity(context: TurnContext): Promise<void> {
    const tenant = await checkTenant(context.activity, this.options.deps, turnLogger(this.options.deps.log, context));
    if (tenant !== 'serve') {
      if (tenant === 'refuse-message') await context.sendActivity(OTHER_TENANT_MESSAGE);
      if (tenant === 'refuse-invoke') await context.sendActivity({ type: 'invokeResponse', value: { status: 200, body: messageResponse(OTHER_TENANT_MESSAGE) } });
      return;
    }
    await this.remember(context);
    await super.onTurnActivity(context);
  }

  protected override async onAdaptiveCardInvoke(context: TurnContext, invokeValue: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const action = (invokeValue as Partial<AdaptiveCardInvokeValue> | undefined)?.action;
    const turn = this.turnFor(context);
    try {
      if (action?.verb === RUN_COMMAND_VERB) await this.dialogs.interrupt(context);
      const result = await this.options.router.handleAction(turn, action?.verb, action?.data);
      if (result && 'card' in result) return { statusCode: 200, type: CARD_RESPONSE, value: result.card.content };
      return messageResponse(result && 'text' in result ? result.text : 'Done.');
    } catch (error) {
      return messageResponse(userMessageFor(error, context.activity.id ?? 'unknown', turn.log));
    }
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const { activity } = context;
    const value: unknown = activity.value;
    if (!activity.text?.trim() && value !== null && typeof value === 'object') {
      // Action.Submit (the fallback of our Action.Execute buttons): { verb, ...data }.
      const data = value as Record<string, unknown>;
      if (data.verb === DIALOG_ANSWER_VERB) {
        await this.guarded(context, (turn) => this.dialogs.answerButton(context, turn, data));
        return;
      }
      if (data.verb === RUN_COMMAND_VERB) await this.dialogs.interrupt(context);
      await this.guarded(context, async (turn) => sendResult(context, turn, await this.options.router.handleAction(turn, data.verb, data)));
      return;
    }
    const text = stripMentions(activity.text ?? '', activity.entities as MentionEntity[] | undefined, activity.recipient?.id);
    await this.guarded(context, async (turn) => {
      if (await this.dialogs.continueWithText(context, turn, text)) return;
      await this.options.router.handleText(turn, text);
    });
  }

  private async guarded(context: TurnContext, work: (turn: Turn) => Promise<void>): Promise<void> {
    const turn = this.turnFor(context);
    try {
      await work(turn);
    } catch (error) {
      await turn.reply(userMessageFor(error, context.activity.id ?? 'unknown', turn.log));
    }
  }

  private turnFor(context: TurnContext): Turn {
    const turn: Turn = createTurn(context, turnLogger(this.options.deps.log, context), this.options.deps.notifier, (flowId, request) => this.dialogs.begin(context, turn, flowId, request));
    return turn;
  }

  private async remember(context: TurnContext): Promise<void> {
    const { activity } = context;
    if (!activity.conversation?.id) return;
    try {
      await this.options.conversations.save(
        {
          conversationKey: conversationKeyOf(context),
          reference: TurnContext.getConversationReference(activity) as Record<string, unknown>,
          tenantId: activity.conversation.tenantId ?? null,
          conversationType: activity.conversation.conversationType ?? null,
        },
        this.options.deps.now(),
      );
    } catch (error) {
      // Losing a reference only costs proactive messages later; the person still gets an answer now.
      turnLogger(this.options.deps.log, context).error({ err: error }, 'could not store the conversation reference');
    }
  }
}

/** The schema types `value` as an object, but Teams' message response carries a plain string. */
function messageResponse(text: string): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: MESSAGE_RESPONSE, value: text as unknown as Record<string, unknown> };
}

/** Every line of a turn names the activity and the caller (their Entra object id only: no name, no UPN). */
function turnLogger(log: Logger, context: TurnContext): Logger {
  const { activity } = context;
  return log.child({ activityId: activity.id, conversationKey: activity.conversation?.id, caller: activity.from?.aadObjectId });
}

async function sendResult(context: TurnContext, turn: Turn, result: CardActionResult): Promise<void> {
  if (!result) return;
  if ('card' in result) await context.sendActivity({ attachments: [cardAttachment(result.card, context.activity.conversation?.conversationType)] });
  else await turn.reply(result.text);
}

import { randomUUID } from 'node:crypto';
import { PrivateConversationState, type StatePropertyAccessor, type Storage, type TurnContext } from 'botbuilder';
import { DialogSet, DialogTurnStatus, type DialogState, type DialogTurnResult } from 'botbuilder-dialogs';
import type { Deps } from '../../app/deps';
import { isCancel, type AnyFlow } from '../../app/flows';
import { dialogExpiredCard } from '../../app/question.card';
import { RUN_COMMAND_VERB } from '../../app/router';
import { inert, normalise } from '../../app/text';
import type { Turn } from '../../app/turn';
import { FlowDialog, flowDialogId, type FlowDialogOptions, type FlowDialogResult } from './flow-dialog';

/** What the runner keeps next to botbuilder's own dialog state. */
interface OpenDialog {
  flowId: string;
  token: string;
  /** The request so far, as typed ("sync Financial Coordinators"): for "start again". */
  asText: string;
  expiresAt: number;
}

/** The router's part in a dialog: what counts as a new command, and running a filled request. */
export interface DialogRoutes {
  readonly flows: readonly AnyFlow[];
  recognises(text: string): boolean;
  runFlow(turn: Turn, flowId: string, request: object): Promise<void>;
}

export interface DialogRunnerOptions {
  routes: DialogRoutes;
  deps: Deps;
  storage: Storage;
  /** How long a question waits for its answer. */
  timeoutMs: number;
}

/**
 * Runs the flows features describe (src/app/flows.ts) as botbuilder-dialogs dialogs: one open
 * dialog per person per conversation (PrivateConversationState over the bot's store), which a
 * typed answer or a question's button continues, `cancel` ends, a new command interrupts, and
 * that expires after `timeoutMs` of silence (the deps clock). When a dialog completes, its request
 * goes to the router, which runs the flow's command as if the whole request had been typed.
 */
export class DialogRunner {
  private readonly state: PrivateConversationState;
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly open: StatePropertyAccessor<OpenDialog | undefined>;
  private readonly dialogs: DialogSet;

  constructor(private readonly options: DialogRunnerOptions) {
    this.state = new PrivateConversationState(options.storage);
    this.dialogState = this.state.createProperty<DialogState>('dialogState');
    this.open = this.state.createProperty<OpenDialog | undefined>('openDialog');
    this.dialogs = new DialogSet(this.dialogState);
    for (const flow of options.routes.flows) this.dialogs.add(new FlowDialog(flow, options.deps));
  }

  /** Starts `flowId` for `request`, replacing any dialog this person has open here. */
  async begin(context: TurnContext, turn: Turn, flowId: string, request: object): Promise<void> {
    const flow = this.options.routes.flows.find((f) => f.id === flowId);
    if (!flow) throw new Error(`No flow "${flowId}" is registered`);
    const dc = await this.dialogs.createContext(context);
    await dc.cancelAllDialogs();
    const open: OpenDialog = { flowId, token: randomUUID(), asText: flow.asText(request), expiresAt: 0 };
    const options: FlowDialogOptions = { request: { ...request } as Record<string, unknown>, token: open.token };
    await this.settle(context, turn, open, await dc.beginDialog(flowDialogId(flowId), options));
  }

  /** A typed message. True when the dialog took it: an answer, `cancel`, or the note that the question expired. */
  async continueWithText(context: TurnContext, turn: Turn, text: string): Promise<boolean> {
    const open = await this.open.get(context);
    if (!open) return false;
    if (this.options.deps.now() > open.expiresAt) return this.expired(context, turn, open, text);
    if (isCancel(normalise(text))) {
      await this.end(context);
      await turn.reply(`OK, I stopped there: nothing was done for "${inert(open.asText)}".`);
      return true;
    }
    if (this.options.routes.recognises(text)) {
      await this.end(context);
      return false;
    }
    await this.step(context, turn, open);
    return true;
  }

  /** A question card's button (Action.Submit data `{ verb, dialog, answer }`). */
  async answerButton(context: TurnContext, turn: Turn, data: Record<string, unknown>): Promise<void> {
    const open = await this.open.get(context);
    if (!open || open.token !== data.dialog) {
      await turn.reply('That question was already answered, cancelled or timed out. Type your request again, or **help**.');
      return;
    }
    const answer = typeof data.answer === 'string' ? data.answer : '';
    if (this.options.deps.now() > open.expiresAt) {
      await this.expired(context, turn, open, '');
      return;
    }
    // Prompts read the answer from the message text; a button's message has none of its own.
    context.activity.text = answer;
    await this.step(context, turn, open);
  }

  /** Ends this person's dialog here, if any: a button ran a new command. */
  async interrupt(context: TurnContext): Promise<void> {
    if (await this.open.get(context)) await this.end(context);
  }

  private async step(context: TurnContext, turn: Turn, open: OpenDialog): Promise<void> {
    const dc = await this.dialogs.createContext(context);
    if (!dc.activeDialog) {
      await this.end(context);
      await turn.reply('I lost track of that question. Type your request again, or **help**.');
      return;
    }
    await this.settle(context, turn, open, await dc.continueDialog());
  }

  /** After a dialog turn: still waiting (save, restart the clock) or complete (run the request). */
  private async settle(context: TurnContext, turn: Turn, open: OpenDialog, result: DialogTurnResult): Promise<void> {
    if (result.status === DialogTurnStatus.complete) {
      await this.end(context);
      const { flowId, request } = result.result as FlowDialogResult;
      await this.options.routes.runFlow(turn, flowId, request);
      return;
    }
    await this.open.set(context, { ...open, expiresAt: this.options.deps.now() + this.options.timeoutMs });
    await this.state.saveChanges(context);
  }

  private async expired(context: TurnContext, turn: Turn, open: OpenDialog, text: string): Promise<boolean> {
    await this.end(context);
    if (text !== '' && this.options.routes.recognises(text)) return false;
    await turn.replyCard(dialogExpiredCard(open.asText, Math.round(this.options.timeoutMs / 60_000), RUN_COMMAND_VERB));
    return true;
  }

  private async end(context: TurnContext): Promise<void> {
    const dc = await this.dialogs.createContext(context);
    await dc.cancelAllDialogs();
    await this.open.delete(context);
    await this.state.saveChanges(context);
  }
}

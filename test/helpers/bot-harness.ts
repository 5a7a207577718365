/**
 * Component-test harness: the real bot (TeamsBot → router → features → real gateways) driven through
 * botbuilder's TestAdapter on channel `msteams`, against an in-process simulated tenant over real HTTP.
 *
 *   const bot = await createTestBot();
 *   const [reply] = await bot.send('environments');
 *   expect(cardText(cardOf(reply))).toContain('UAT');
 *   await bot.close();
 */
import { ActivityTypes, TestAdapter, TurnContext, type Activity, type ConversationReference, type ResourceResponse } from 'botbuilder';
import pino, { type Logger } from 'pino';
import type { Config } from '../../src/config';
import { loadConfig } from '../../src/config';
import type { Deps } from '../../src/app/deps';
import { composeApp, type ComposedApp } from '../../src/app/compose';
import type { RouterOptions } from '../../src/app/router';
import type { Feature } from '../../src/app/routes';
import { TeamsBot } from '../../src/bot/teams-bot';
import type { DeepPartial, RunningSimulator } from '../../src/sim/server';
import type { TenantFixture } from '../../src/sim/model';
import { activeTraceFields } from '../../src/observability/log-trace';
import type { Telemetry } from '../../src/observability/telemetry';
import type { SimConfig } from '../../src/sim/types';

export interface TestUser {
  /** Teams user id (29:…); derived from aadObjectId when absent. */
  id?: string;
  name: string;
  aadObjectId?: string;
}

export interface TestBotOptions {
  /** Fixture object or path; default the Contoso demo tenant. */
  fixture?: TenantFixture | string;
  /** Simulator knobs; latency defaults to 0 so tests stay fast. */
  simConfig?: DeepPartial<SimConfig>;
  /** Environment keys as in .env (validated by loadConfig), e.g. { ADMINS_GROUP_ID: '…' }. */
  env?: Record<string, string>;
  /** Applied to the loaded config before composing (use sparingly; prefer `env`). */
  configOverrides?: Partial<Config>;
  /** Default: the real feature table. */
  features?: readonly Feature[];
  router?: RouterOptions;
  now?: () => number;
  /** Default sender: the first member of the fixture's "Dataverse Access Bot Admins" group, else "Test User". */
  from?: TestUser;
  conversationType?: 'personal' | 'groupChat' | 'channel';
  /** Collect log lines (JSON objects) instead of discarding them. */
  captureLogs?: boolean;
  /** Default: from the config (env), as in production. */
  telemetry?: Telemetry;
  /** Join this running simulator (SIM_URL) instead of starting one: several bots, i.e. instances, on one tenant. */
  join?: RunningSimulator;
}

export interface SendOptions {
  from?: TestUser;
  conversationType?: 'personal' | 'groupChat' | 'channel';
  /** Extra activity fields (entities for mentions, channelData, …). */
  activity?: Partial<Activity>;
}

export interface InvokeResult {
  /** HTTP-like status of the invoke response. */
  status: number;
  /** The card that replaces the clicked one (Action.Execute), if any. */
  card?: Record<string, unknown>;
  /** The message response text, if the handler answered with text (errors included). */
  text?: string;
  /** Other activities the bot sent during the invoke (new messages, typing). */
  replies: Partial<Activity>[];
}

export interface TestBot {
  readonly adapter: HarnessAdapter;
  readonly deps: Deps;
  readonly app: ComposedApp;
  readonly sim: RunningSimulator;
  /** Every activity the bot updated in place (updateActivity), in order. */
  readonly updates: Partial<Activity>[];
  /** Log lines written during the test, when captureLogs is on. */
  readonly logs: Record<string, unknown>[];
  /** A typed message; resolves with what the bot sent during that turn (typing included). */
  send(text: string, options?: SendOptions): Promise<Partial<Activity>[]>;
  /** An Action.Execute click: `adaptiveCard/action` invoke with `{ verb, data: { verb, ...data } }`. */
  invoke(verb: string, data?: Record<string, unknown>, options?: SendOptions): Promise<InvokeResult>;
  /** A legacy Action.Submit click: a message with `value: { verb, ...data }` and no text. */
  submit(verb: string, data?: Record<string, unknown>, options?: SendOptions): Promise<Partial<Activity>[]>;
  /** The bot being installed / added to the conversation (conversationUpdate with the bot in membersAdded). */
  install(options?: SendOptions): Promise<Partial<Activity>[]>;
  /** Sends any activity; resolves with what the bot sent. */
  process(activity: Partial<Activity>): Promise<Partial<Activity>[]>;
  /** A full Teams activity (channel, sender, bot, conversation, tenant) around `partial`, for `process`. */
  activity(partial: Partial<Activity>, options?: SendOptions): Partial<Activity>;
  close(): Promise<void>;
}

export const BOT_ACCOUNT = { id: '28:dataverse-access-bot', name: 'Dataverse Access Bot' };
export const TEST_CONVERSATION_ID = 'a:test-conversation';

/** A TestAdapter that can also continue conversations (for the notifier) and records in-place updates. */
export class HarnessAdapter extends TestAdapter {
  readonly updates: Partial<Activity>[] = [];

  override async continueConversationAsync(
    _botAppIdOrClaims: unknown,
    reference: Partial<ConversationReference>,
    logicOrAudience: unknown,
    maybeLogic?: unknown,
  ): Promise<void> {
    const logic = (typeof logicOrAudience === 'function' ? logicOrAudience : maybeLogic) as (context: TurnContext) => Promise<void>;
    const activity = TurnContext.applyConversationReference({ type: ActivityTypes.Event, name: 'ContinueConversation' }, reference, true);
    await this.runMiddleware(new TurnContext(this, activity), logic);
  }

  override async updateActivity(context: TurnContext, activity: Partial<Activity>): Promise<ResourceResponse | void> {
    this.updates.push(activity);
    return super.updateActivity(context, activity);
  }

  /** Everything queued since the last call. */
  drain(): Partial<Activity>[] {
    return this.activeQueue.splice(0);
  }
}

export async function createTestBot(options: TestBotOptions = {}): Promise<TestBot> {
  const logs: Record<string, unknown>[] = [];
  const log: Logger = options.captureLogs
    ? pino({ level: 'debug', mixin: activeTraceFields }, { write: (line: string) => void logs.push(JSON.parse(line) as Record<string, unknown>) })
    : pino({ level: 'silent' });
  const loaded = loadConfig({ DATA_SOURCE: 'simulated', STORE_PATH: ':memory:', ...(options.join ? { SIM_URL: options.join.origin } : {}), ...options.env });
  const config: Config = { ...loaded, ...options.configOverrides };
  const adapter = new HarnessAdapter(undefined, { channelId: 'msteams' });
  const app = await composeApp(config, {
    log,
    proactive: adapter,
    simulator: { fixture: options.fixture, config: { graph: { latencyMs: 0, jitterMs: 0 }, bap: { latencyMs: 0, jitterMs: 0 }, dataverse: { latencyMs: 0, jitterMs: 0 }, ...options.simConfig } as DeepPartial<SimConfig> },
    features: options.features,
    router: options.router,
    gateways: { retryPolicy: { maxRetries: 2, baseDelayMs: 5, maxDelayMs: 50 } },
    now: options.now,
    telemetry: options.telemetry,
  });
  const sim = app.simulated?.running ?? options.join;
  if (!sim) throw new Error('createTestBot needs the in-process simulator (or one to join)');
  const bot = new TeamsBot({ router: app.router, deps: app.deps, conversations: app.conversations });
  const defaultFrom = options.from ?? defaultUser(sim);
  const tenantId = app.config.tenantId;

  function activityFor(partial: Partial<Activity>, opts: SendOptions = {}): Partial<Activity> {
    const from = opts.from ?? defaultFrom;
    const conversationType = opts.conversationType ?? options.conversationType ?? 'personal';
    return {
      channelId: 'msteams',
      serviceUrl: 'https://smba.test/teams/',
      from: { id: from.id ?? `29:${from.aadObjectId ?? from.name}`, name: from.name, aadObjectId: from.aadObjectId },
      recipient: { ...BOT_ACCOUNT },
      conversation: { id: TEST_CONVERSATION_ID, conversationType, tenantId, isGroup: conversationType !== 'personal', name: 'test' },
      channelData: { tenant: { id: tenantId } },
      ...partial,
      ...opts.activity,
    };
  }

  async function process(activity: Partial<Activity>): Promise<Partial<Activity>[]> {
    adapter.drain();
    await adapter.processActivity(activity, (context) => bot.run(context));
    return adapter.drain();
  }

  return {
    adapter,
    deps: app.deps,
    app,
    sim,
    updates: adapter.updates,
    logs,
    send: (text, opts) => process(activityFor({ type: ActivityTypes.Message, text }, opts)),
    submit: (verb, data = {}, opts) => process(activityFor({ type: ActivityTypes.Message, value: { ...data, verb } }, opts)),
    install: (opts) => process(activityFor({ type: ActivityTypes.ConversationUpdate, membersAdded: [{ ...BOT_ACCOUNT }] }, opts)),
    process,
    activity: activityFor,
    async invoke(verb, data = {}, opts) {
      const value = { action: { type: 'Action.Execute', verb, data: { ...data, verb } }, trigger: 'manual' };
      const sent = await process(activityFor({ type: ActivityTypes.Invoke, name: 'adaptiveCard/action', value }, opts));
      const response = sent.find((a) => a.type === 'invokeResponse');
      const body = (response?.value as { status?: number; body?: { type?: string; value?: unknown } } | undefined) ?? {};
      const result: InvokeResult = { status: body.status ?? 0, replies: sent.filter((a) => a !== response) };
      if (body.body?.type === 'application/vnd.microsoft.card.adaptive') result.card = body.body.value as Record<string, unknown>;
      if (body.body?.type === 'application/vnd.microsoft.activity.message') result.text = String(body.body.value);
      return result;
    },
    close: () => app.close(),
  };
}

function defaultUser(sim: RunningSimulator): TestUser {
  const { fixture } = sim.state();
  const admins = fixture.groups.find((g) => g.displayName === 'Dataverse Access Bot Admins');
  const admin = fixture.users.find((u) => admins?.members.includes(u.id));
  return admin ? { name: admin.displayName, aadObjectId: admin.id } : { name: 'Test User' };
}

/** The Adaptive Card content of a reply, or undefined. */
export function cardOf(activity: Partial<Activity> | undefined): Record<string, unknown> | undefined {
  const attachment = activity?.attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
  return attachment?.content as Record<string, unknown> | undefined;
}

/** Replies that are messages (typing and invoke responses left out). */
export function messagesOf(activities: Partial<Activity>[]): Partial<Activity>[] {
  return activities.filter((a) => a.type === ActivityTypes.Message);
}

/** Every `text` and `title` in a card, joined by newlines: for "the card says …" assertions. */
export function cardStrings(card: unknown): string {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if ((key === 'text' || key === 'title' || key === 'value') && typeof value === 'string') out.push(value);
        else walk(value);
      }
    }
  };
  walk(card);
  return out.join('\n');
}

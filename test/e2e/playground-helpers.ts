/**
 * Shared by the Agents Playground end-to-end tests: start the real server (startBot) on the
 * in-process simulated Contoso tenant plus the Microsoft 365 Agents Playground, type as the
 * Playground's current user (Nadia Rahman, a bot admin: see .m365agentsplayground.yml), and read
 * what the Playground's connector received from the bot out of its log file.
 *
 * The Playground logs, per conversation, one event per connector call it served for the bot:
 * `createMessage` (POST /_connector/v3/conversations/{id}/activities[/{replyToId}]) and
 * `updateMessage` (PUT /_connector/v3/conversations/{id}/activities/{activityId}), plus `appendLog`
 * entries holding the raw request/response of every activity (both directions).
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { loadConfig } from '../../src/config';
import { startBot, type RunningBot } from '../../src/http/start-bot';
import type { SimulatorStartOptions } from '../../src/app/simulated-tenant';
import { startPlayground, type RunningPlayground } from '../../scripts/playground';

/** personalChat.id in .m365agentsplayground.yml */
export const PLAYGROUND_CONVERSATION = 'personal-chat-nadia';
/** currentUser.id in .m365agentsplayground.yml */
const CURRENT_USER = 'user-id-0';

export type ConnectorAction = 'createMessage' | 'updateMessage';

export interface ConnectorMessage {
  action: ConnectorAction;
  actionConversationId?: string;
  message: {
    messageId?: string;
    timestamp?: number;
    from?: { id?: string; name?: string };
    text?: string;
    attachments?: { contentType?: string; content?: unknown }[];
  };
}

/** An `appendLog` entry: one activity and the HTTP exchange that carried it. */
export interface ActivityLogEntry {
  conversationId?: string;
  timestamp?: number;
  activityName?: string;
  messageId?: string;
  /** "Microsoft 365 Agents Playground" → "User Application" for what the user typed, the reverse for the bot's calls. */
  from?: string;
  to?: string;
  displayText?: string;
  request?: { body?: { id?: string; replyToId?: string; text?: string } };
  response?: { statusCode?: number; body?: unknown };
}

/** Every JSON event in the Playground's log file, in the order it logged them. */
function logEvents(logFile: string): Record<string, unknown>[] {
  if (!existsSync(logFile)) return [];
  const events: Record<string, unknown>[] = [];
  for (const line of readFileSync(logFile, 'utf8').split('\n')) {
    const start = line.indexOf('{');
    if (start < 0) continue;
    try {
      events.push(JSON.parse(line.slice(start)) as Record<string, unknown>);
    } catch {
      // A line still being written, or a log line that is not an event.
      continue;
    }
  }
  return events;
}

/** What the Playground's connector received from the bot in `conversation`: messages created and messages updated. */
export function connectorMessages(logFile: string, action?: ConnectorAction, conversation = PLAYGROUND_CONVERSATION): ConnectorMessage[] {
  return logEvents(logFile)
    .filter((e) => (e.action === 'createMessage' || e.action === 'updateMessage') && e.actionConversationId === conversation)
    .map((e) => e as unknown as ConnectorMessage)
    .filter((e) => action === undefined || e.action === action);
}

/** Raw activity exchanges the Playground logged for `conversation`. */
export function activityLog(logFile: string, conversation = PLAYGROUND_CONVERSATION): ActivityLogEntry[] {
  return logEvents(logFile)
    .filter((e) => e.logAction === 'appendLog')
    .map((e) => e.log as ActivityLogEntry)
    .filter((entry) => entry?.conversationId === conversation);
}

/** Every TextBlock / fact text of a message's Adaptive Cards, in order (what a person reads). */
export function cardTexts(message: ConnectorMessage): string[] {
  const texts: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    const n = node as Record<string, unknown>;
    if (n.type === 'TextBlock' && typeof n.text === 'string') texts.push(n.text);
    if (typeof n.title === 'string' && typeof n.value === 'string') texts.push(`${n.title}: ${n.value}`);
    for (const key of ['body', 'items', 'facts', 'columns']) walk(n[key]);
  };
  for (const attachment of message.message.attachments ?? []) walk(attachment.content);
  return texts;
}

/** Polls `probe` until it returns a value; fails with `what` and, when given, a dump of what was seen. */
export async function waitFor<T>(probe: () => T | undefined, timeoutMs: number, what = 'the Playground', seen?: () => unknown): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) {
      const dump = seen ? `\nSeen so far:\n${JSON.stringify(seen(), null, 2).slice(0, 4000)}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${dump}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export interface PlaygroundSession {
  bot: RunningBot;
  playground: RunningPlayground;
  logFile: string;
  /** Types `text` in the personal chat as the Playground's current user. */
  say(text: string): Promise<void>;
  /** Presses an Action.Execute button of message `messageId` as the current user; resolves with the invoke answer. */
  click(messageId: string, verb: string, data: Record<string, unknown>): Promise<{ type?: string; value?: unknown }>;
  stop(): Promise<void>;
}

/**
 * The real server on the simulated Contoso tenant (in-memory store, zero simulator latency unless
 * `simulator` says otherwise, `env` added to the configuration) plus the Agents Playground in front of it.
 */
export async function startPlaygroundSession(options: { env?: NodeJS.ProcessEnv; simulator?: SimulatorStartOptions['config'] } = {}): Promise<PlaygroundSession> {
  const logFile = join(mkdtempSync(join(tmpdir(), 'playground-')), 'playground.log');
  const config = { ...loadConfig({ STORE_PATH: ':memory:', ...options.env }), port: 0 };
  const simulator = { graph: { latencyMs: 0 }, bap: { latencyMs: 0 }, dataverse: { latencyMs: 0 }, ...options.simulator };
  const bot = await startBot(config, { log: pino({ level: 'silent' }), simulator: { config: simulator } });
  let playground: RunningPlayground;
  try {
    playground = await startPlayground({ botEndpoint: `${bot.server.url}/api/messages`, port: 0, logFile });
  } catch (error) {
    await bot.close();
    throw error;
  }
  return {
    bot,
    playground,
    logFile,
    async say(text) {
      const response = await fetch(`${playground.url}/_conversation/v1/conversations/${PLAYGROUND_CONVERSATION}/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ from: { id: CURRENT_USER }, text, textFormat: 'plain' }),
      });
      if (response.status !== 200) throw new Error(`the Playground refused the message (${response.status}): ${await response.text()}`);
    },
    async click(messageId, verb, data) {
      // The Playground's own client posts this when a card button is pressed: it forwards an adaptiveCard/action invoke.
      const response = await fetch(`${playground.url}/_conversation/v1/invoke`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          name: 'adaptiveCard/action', conversation: { id: PLAYGROUND_CONVERSATION }, from: { id: CURRENT_USER }, replyToId: messageId,
          value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
        }),
      });
      if (response.status !== 200) throw new Error(`the Playground refused the click (${response.status}): ${await response.text()}`);
      return (await response.json()) as { type?: string; value?: unknown };
    },
    async stop() {
      await playground.stop();
      await bot.close();
    },
  };
}

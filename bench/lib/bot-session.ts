import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import type { TenantFixture } from '../../src/sim/model';
import { BOT_NODE_ARGS, startTsProcess, type Child } from './child-process';
import { FakeConnector, type SentActivity } from './fake-connector';

export interface BotSession {
  readonly process: Child;
  readonly connector: FakeConnector;
  /** Posts a typed message; resolves when the bot's HTTP answer arrives (its replies may come earlier). */
  send(text: string): Promise<{ activityId: string; postedAt: number }>;
  /** Posts an Action.Execute click; resolves with the invoke response body. */
  invoke(verb: string, data: Record<string, unknown>): Promise<{ statusCode?: number; type?: string; value?: unknown }>;
  /** The first activity the bot sent in reply to `activityId` that satisfies `match`. */
  replyTo(activityId: string, match: (sent: SentActivity) => boolean, timeoutMs: number): Promise<SentActivity>;
  /** Read-only view of the bot's SQLite store (jobs, members). */
  readonly store: Database;
  /** Stops the bot and the connector; safe to call twice. */
  stop(): Promise<void>;
}

const CONVERSATION_ID = 'a:bench-conversation';
const BOT_ACCOUNT = { id: '28:dataverse-access-bot', name: 'Dataverse Access Bot' };

/**
 * The real bot in its own process, joined to a running simulator (SIM_URL), with a fake connector
 * as the conversation's serviceUrl. The caller is the first member of the tenant's bot admins group.
 */
export async function startBotSession(simOrigin: string, fixture: TenantFixture, env: Record<string, string> = {}): Promise<BotSession> {
  const connector = new FakeConnector();
  await connector.start();
  const dir = mkdtempSync(join(tmpdir(), 'bench-bot-'));
  const storePath = join(dir, 'bot.sqlite');
  let child: Child;
  try {
    child = await startTsProcess('bench/bot-process.ts', [JSON.stringify({ SIM_URL: simOrigin, STORE_PATH: storePath, ...env })], /^\{"url"/, {
      nodeArgs: BOT_NODE_ARGS,
    });
  } catch (error) {
    await connector.stop();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const url = (JSON.parse(child.readyLine) as { url: string }).url;
  const store = new BetterSqlite3(storePath, { readonly: true, fileMustExist: true });
  const tenantId = fixture.tenant.id;
  const caller = adminOf(fixture);
  let counter = 0;

  const post = async (activity: Record<string, unknown>): Promise<{ id: string; postedAt: number; response: Response }> => {
    counter += 1;
    const id = `bench-in-${counter}`;
    const postedAt = performance.now();
    const response = await fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        id,
        channelId: 'msteams',
        serviceUrl: `${connector.url}/`,
        timestamp: new Date().toISOString(),
        from: { id: `29:${caller.aadObjectId}`, name: caller.name, aadObjectId: caller.aadObjectId },
        recipient: BOT_ACCOUNT,
        conversation: { id: CONVERSATION_ID, conversationType: 'personal', tenantId },
        channelData: { tenant: { id: tenantId } },
        ...activity,
      }),
    });
    return { id, postedAt, response };
  };

  const session: BotSession = {
    process: child,
    connector,
    store,
    async send(text) {
      const { id, postedAt, response } = await post({ type: 'message', text });
      if (!response.ok) throw new Error(`POST /api/messages "${text}" → ${response.status}: ${await response.text()}`);
      return { activityId: id, postedAt };
    },
    async invoke(verb, data) {
      const { response } = await post({ type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data: { ...data, verb } }, trigger: 'manual' } });
      if (!response.ok) throw new Error(`invoke ${verb} → ${response.status}: ${await response.text()}`);
      return (await response.json()) as { statusCode?: number; type?: string; value?: unknown };
    },
    replyTo: (activityId, match, timeoutMs) =>
      connector.waitFor((s) => s.replyToId === activityId && match(s), timeoutMs, `the bot's reply to ${activityId}`),
    async stop() {
      if (!store.open) return;
      store.close();
      await child.stop();
      await connector.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await warmCallerRole(session);
  return session;
}

/**
 * An admin who uses the bot has their role cached (60 s): one `history` first, so the measured
 * requests are the feature's own, not the guard's one-off lookup of the caller's groups.
 */
async function warmCallerRole(session: BotSession): Promise<void> {
  const { activityId } = await session.send('history');
  await session.replyTo(activityId, (s) => s.activity.type === 'message', 30_000);
}

function adminOf(fixture: TenantFixture): { name: string; aadObjectId: string } {
  const admins = fixture.groups.find((g) => g.displayName === 'Dataverse Access Bot Admins');
  const admin = fixture.users.find((u) => admins?.members.includes(u.id));
  if (!admin) throw new Error('the fixture has no member in "Dataverse Access Bot Admins"');
  return { name: admin.displayName, aadObjectId: admin.id };
}

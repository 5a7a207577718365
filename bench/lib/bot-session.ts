import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import type { TenantFixture } from '../../src/sim/model';
import { botChat, type BotChat } from './bot-chat';
import { BOT_NODE_ARGS, startTsProcess, type Child } from './child-process';
import { FakeConnector } from './fake-connector';

export interface BotSession extends BotChat {
  readonly process: Child;
  readonly connector: FakeConnector;
  /** Read-only view of the bot's SQLite store (jobs, members). */
  readonly store: Database;
  /** Stops the bot and the connector; safe to call twice. */
  stop(): Promise<void>;
}

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
  const stop = async (): Promise<void> => {
    if (!store.open) return;
    store.close();
    await child.stop();
    await connector.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    return { ...(await botChat(url, connector, fixture)), process: child, connector, store, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { TurnContext } from 'botbuilder';
import { createNotifier, type ProactiveAdapter } from '../../src/bot/notifier';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { openSqliteStore } from '../../src/store/db';
import { migrate } from '../../src/store/migrate';
import { MIGRATIONS, type Migration } from '../../src/store/migrations';
import { memoryStore } from '../helpers/stores';
import { createConversationStore } from '../../src/store/conversation-store';

const card = { content: { type: 'AdaptiveCard', version: '1.5', body: [] } };
const reference = { conversation: { id: 'c1' }, serviceUrl: 'https://smba.test/', channelId: 'msteams' };

describe('store', () => {
  it('when opened twice on one file, then every migration runs once and is recorded in order', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'store-')), 'nested', 'bot.sqlite');
    await (await openSqliteStore(path)).close();
    const store = await openSqliteStore(path);
    const rows = await store.db.selectFrom('schema_migrations').select(['version', 'name']).orderBy('version').execute();
    expect(rows[0]).toEqual({ version: 1, name: '001-conversations' });
    expect(new Set(rows.map((r) => r.version)).size).toBe(rows.length);
    await store.close();
    const raw = new BetterSqlite3(path);
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
    const again = await openSqliteStore(path);
    expect(await again.health()).toEqual({ ok: true, schemaVersion: rows[rows.length - 1]?.version });
    await again.checkWritable();
    await again.close();
  });

  it('when two migrations share a number, then migrating stops with a message naming them and changes nothing', async () => {
    const store = await memoryStore();
    const make = (version: number, name: string): Migration => ({ version, name, up: async (db) => void (await db.schema.createTable(name).addColumn('x', 'text').execute()) });
    await expect(migrate(store.db, 'sqlite', [...MIGRATIONS, make(900, 'a'), make(900, 'b')])).rejects.toThrow(/"a" and "b" are out of order or share number 900/);
    const tables = await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE name IN ('a', 'b')`.execute(store.db);
    expect(tables.rows).toEqual([]);
    await store.close();
  });

  it('when a migration fails half way, then none of the pending ones is applied', async () => {
    const store = await memoryStore();
    const failing: Migration = { version: 901, name: 'breaks', up: async (db) => { await db.schema.createTable('half').addColumn('x', 'text').execute(); throw new Error('boom'); } };
    await expect(migrate(store.db, 'sqlite', [...MIGRATIONS, failing])).rejects.toThrow('boom');
    expect((await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE name = 'half'`.execute(store.db)).rows).toEqual([]);
    expect((await store.health()).schemaVersion).toBe(MIGRATIONS[MIGRATIONS.length - 1]?.version);
    await store.close();
  });

  it('when a conversation is seen again, then its reference is replaced and it is no longer blocked', async () => {
    const store = createConversationStore((await memoryStore()).db);
    await store.save({ conversationKey: 'c1', reference, tenantId: 't', conversationType: 'personal' }, 1000);
    await store.markBlocked('c1', 2000);
    expect((await store.get('c1'))?.blockedAt).toBe(2000);
    await store.save({ conversationKey: 'c1', reference: { ...reference, serviceUrl: 'https://new/' } }, 3000);
    expect(await store.get('c1')).toMatchObject({ reference: { serviceUrl: 'https://new/' }, lastSeenAt: 3000, blockedAt: null });
    expect(await store.get('missing')).toBeNull();
  });
});

describe('notifier', () => {
  async function setup(failures: unknown[]) {
    const conversations = createConversationStore((await memoryStore()).db);
    await conversations.save({ conversationKey: 'c1', reference }, 1);
    const sent: unknown[] = [];
    let calls = 0;
    const adapter: ProactiveAdapter = {
      async continueConversationAsync(_appId, ref, logic) {
        calls++;
        const failure = failures.shift();
        if (failure) throw failure;
        const context = {
          sendActivity: async (a: unknown) => (sent.push({ ref, a }), { id: 'm-1' }),
          updateActivity: async (a: unknown) => void sent.push({ ref, update: a }),
        } as unknown as TurnContext;
        await logic(context);
      },
    };
    const sleeps: number[] = [];
    const notifier = createNotifier({ adapter, appId: '', conversations, log: pino({ level: 'silent' }), now: () => 5, sleep: async (ms) => void sleeps.push(ms), baseDelayMs: 100 });
    return { notifier, conversations, sent, sleeps, calls: () => calls };
  }

  it('when Teams answers 429, 412, 502 and 504, then the card is retried with growing delays and finally sent', async () => {
    const { notifier, sent, sleeps } = await setup([{ statusCode: 429 }, { statusCode: 412 }, { statusCode: 502 }, { statusCode: 504 }]);
    await expect(notifier.sendCard('c1', card)).resolves.toEqual({ conversationKey: 'c1', activityId: 'm-1' });
    expect(sent).toHaveLength(1);
    expect(sleeps).toHaveLength(4);
    expect(sleeps[3]).toBeGreaterThanOrEqual(400);
  });

  it('when Teams answers 403 MessageWritesBlocked, then it stops at once and records the conversation as blocked', async () => {
    const { notifier, conversations, calls } = await setup([{ statusCode: 403, code: 'MessageWritesBlocked' }]);
    await expect(notifier.sendText('c1', 'done')).rejects.toMatchObject({ code: 'auth.forbidden' });
    expect(calls()).toBe(1);
    expect((await conversations.get('c1'))?.blockedAt).toBe(5);
    await expect(notifier.sendText('c1', 'again')).rejects.toMatchObject({ code: 'auth.forbidden' });
    expect(calls()).toBe(1);
  });

  it('when the failure is not retryable, then it is thrown after one attempt', async () => {
    const { notifier, calls } = await setup([Object.assign(new Error('bad request'), { statusCode: 400 })]);
    await expect(notifier.updateCard({ conversationKey: 'c1', activityId: 'm-1' }, card)).rejects.toThrow('bad request');
    expect(calls()).toBe(1);
  });

  it('when the conversation was never seen, then the caller is told to talk to the bot there first', async () => {
    const { notifier } = await setup([]);
    await expect(notifier.sendText('unknown', 'x')).rejects.toMatchObject({ code: 'input.not_found' });
  });
});

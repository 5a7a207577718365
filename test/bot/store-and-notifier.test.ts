import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { TurnContext } from 'botbuilder';
import { createNotifier, type ProactiveAdapter } from '../../src/bot/notifier';
import { migrate, openStore, storeHealth } from '../../src/store/db';
import { createConversationStore } from '../../src/store/conversation-store';

const card = { content: { type: 'AdaptiveCard', version: '1.5', body: [] } };
const reference = { conversation: { id: 'c1' }, serviceUrl: 'https://smba.test/', channelId: 'msteams' };

describe('store', () => {
  it('when opened twice on one file, then every migration runs once and is recorded in order', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'store-')), 'nested', 'bot.sqlite');
    openStore(path).close();
    const db = openStore(path);
    const rows = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all() as { version: number; name: string }[];
    expect(rows[0]).toEqual({ version: 1, name: '001-conversations.sql' });
    expect(new Set(rows.map((r) => r.version)).size).toBe(rows.length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(storeHealth(db)).toEqual({ ok: true, schemaVersion: rows[rows.length - 1]?.version });
    db.close();
  });

  it('when a migration file is misnamed or two share a number, then migrating stops with a message naming them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'migrations-'));
    writeFileSync(join(dir, '001-a.sql'), 'CREATE TABLE a (x);');
    writeFileSync(join(dir, '001-b.sql'), 'CREATE TABLE b (x);');
    const db = openStore(':memory:');
    expect(() => migrate(db, dir)).toThrow(/"001-a.sql" and "001-b.sql" share number 001/);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name IN ('a', 'b')").all()).toEqual([]);
    rmSync(join(dir, '001-b.sql'));
    writeFileSync(join(dir, 'two.sql'), 'CREATE TABLE two (x);');
    expect(() => migrate(db, dir)).toThrow(/"two.sql" must be named NNN-name.sql/);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name IN ('a', 'two')").all()).toEqual([]);
  });

  it('when a conversation is seen again, then its reference is replaced and it is no longer blocked', () => {
    const store = createConversationStore(openStore(':memory:'));
    store.save({ conversationKey: 'c1', reference, tenantId: 't', conversationType: 'personal' }, 1000);
    store.markBlocked('c1', 2000);
    expect(store.get('c1')?.blockedAt).toBe(2000);
    store.save({ conversationKey: 'c1', reference: { ...reference, serviceUrl: 'https://new/' } }, 3000);
    expect(store.get('c1')).toMatchObject({ reference: { serviceUrl: 'https://new/' }, lastSeenAt: 3000, blockedAt: null });
    expect(store.get('missing')).toBeNull();
  });
});

describe('notifier', () => {
  function setup(failures: unknown[]) {
    const conversations = createConversationStore(openStore(':memory:'));
    conversations.save({ conversationKey: 'c1', reference }, 1);
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
    const { notifier, sent, sleeps } = setup([{ statusCode: 429 }, { statusCode: 412 }, { statusCode: 502 }, { statusCode: 504 }]);
    await expect(notifier.sendCard('c1', card)).resolves.toEqual({ conversationKey: 'c1', activityId: 'm-1' });
    expect(sent).toHaveLength(1);
    expect(sleeps).toHaveLength(4);
    expect(sleeps[3]).toBeGreaterThanOrEqual(400);
  });

  it('when Teams answers 403 MessageWritesBlocked, then it stops at once and records the conversation as blocked', async () => {
    const { notifier, conversations, calls } = setup([{ statusCode: 403, code: 'MessageWritesBlocked' }]);
    await expect(notifier.sendText('c1', 'done')).rejects.toMatchObject({ code: 'auth.forbidden' });
    expect(calls()).toBe(1);
    expect(conversations.get('c1')?.blockedAt).toBe(5);
    await expect(notifier.sendText('c1', 'again')).rejects.toMatchObject({ code: 'auth.forbidden' });
    expect(calls()).toBe(1);
  });

  it('when the failure is not retryable, then it is thrown after one attempt', async () => {
    const { notifier, calls } = setup([Object.assign(new Error('bad request'), { statusCode: 400 })]);
    await expect(notifier.updateCard({ conversationKey: 'c1', activityId: 'm-1' }, card)).rejects.toThrow('bad request');
    expect(calls()).toBe(1);
  });

  it('when the conversation was never seen, then the caller is told to talk to the bot there first', async () => {
    const { notifier } = setup([]);
    await expect(notifier.sendText('unknown', 'x')).rejects.toMatchObject({ code: 'input.not_found' });
  });
});

import { memoryStore } from '../helpers/stores';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { createNotifier } from '../../src/bot/notifier';
import { loadConfig } from '../../src/config';
import { createAdapter } from '../../src/http/adapter';
import { createConversationStore } from '../../src/store/conversation-store';

const log = pino({ level: 'silent' });

/** A stand-in Bot Connector: answers each POST .../activities with the next scripted reply. */
async function fakeConnector(replies: { status: number; body: unknown }[]): Promise<{ server: Server; url: string; posts: () => number }> {
  let posts = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      posts += 1;
      const reply = replies.shift() ?? { status: 200, body: { id: 'activity-1' } };
      // not chained: restify (loaded by other test files in the same worker) patches writeHead to return nothing
      res.writeHead(reply.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, posts: () => posts };
}

/** The real CloudAdapter (bot authentication off) sending to the fake connector, as the notifier does in production. */
async function setup(replies: { status: number; body: unknown }[]) {
  const connector = await fakeConnector(replies);
  const conversations = createConversationStore((await memoryStore()).db);
  const reference = { conversation: { id: 'c1' }, serviceUrl: connector.url, channelId: 'msteams', bot: { id: '28:bot' }, user: { id: '29:u' } };
  await conversations.save({ conversationKey: 'c1', reference }, 1);
  const adapter = createAdapter(loadConfig({ STORE_PATH: ':memory:' }), log);
  const notifier = createNotifier({ adapter, appId: '', conversations, log, now: () => 7, sleep: async () => undefined, baseDelayMs: 1 });
  const close = (): Promise<void> =>
    new Promise<void>((resolve) => {
      connector.server.closeAllConnections();
      connector.server.close(() => resolve());
    });
  return { notifier, conversations, connector, close };
}

const forbidden = (error: Record<string, unknown>) => ({ status: 403, body: { error } });

describe('notifier against a real Bot Connector error', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0)) await fn();
  });

  it.each([
    ['ConversationBlockedByUser', forbidden({ code: 'ConversationBlockedByUser', message: 'User blocked the conversation with the bot.' })],
    ['BotNotInConversationRoster', forbidden({ code: 'BotNotInConversationRoster', message: "The bot isn't part of the conversation roster." })],
    ['MessageWritesBlocked as the code', forbidden({ code: 'MessageWritesBlocked', message: 'Thread is blocked.' })],
    ['MessageWritesBlocked as the subCode', forbidden({ code: 'Forbidden', subCode: 'MessageWritesBlocked', message: 'Forbidden' })],
  ])('when Teams answers 403 %s, then the conversation is recorded as blocked after one attempt', async (_label, reply) => {
    const { notifier, conversations, connector, close } = await setup([reply]);
    cleanup.push(close);
    await expect(notifier.sendText('c1', 'job finished')).rejects.toMatchObject({ code: 'auth.forbidden' });
    expect(connector.posts()).toBe(1);
    expect((await conversations.get('c1'))?.blockedAt).toBe(7);
  });

  it('when a 403 has another code, then the conversation is not marked blocked even if the message mentions MessageWritesBlocked', async () => {
    const { notifier, conversations, connector, close } = await setup([forbidden({ code: 'NotEnoughPermissions', message: 'MessageWritesBlocked is not the reason here' })]);
    cleanup.push(close);
    const failure = await notifier.sendText('c1', 'job finished').catch((error: unknown) => error);
    expect(failure).toMatchObject({ statusCode: 403, code: 'NotEnoughPermissions' });
    expect(connector.posts()).toBe(1);
    expect((await conversations.get('c1'))?.blockedAt).toBeNull();
  });

  it('when Teams answers 429 then 200, then the message is retried and delivered', async () => {
    const { notifier, conversations, connector, close } = await setup([{ status: 429, body: { error: { code: 'Throttled', message: 'Too many requests.' } } }]);
    cleanup.push(close);
    await expect(notifier.sendText('c1', 'job finished')).resolves.toBeUndefined();
    expect(connector.posts()).toBe(2);
    expect((await conversations.get('c1'))?.blockedAt).toBeNull();
  });
});

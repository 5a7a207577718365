import type { Feature, TextCommand } from '../../src/app/routes';
import { RUN_COMMAND_VERB } from '../../src/app/router';
import { featureTable } from '../../src/app/feature-table';
import { AppError } from '../../src/errors';
import { BOT_ACCOUNT, TEST_CONVERSATION_ID, cardOf, cardStrings, createTestBot, messagesOf, type TestBot } from '../helpers/bot-harness';

describe('Teams turns: welcome, card buttons, mentions, errors, conversation references', () => {
  let bot: TestBot;
  const boom: TextCommand<object> = {
    name: 'boom',
    usage: 'boom',
    summary: 'fails',
    examples: ['boom'],
    access: 'anyone',
    parse: (text) => (text === 'boom' ? {} : text === 'refuse' ? { refuse: true } : null),
    async run(_turn, params) {
      if ('refuse' in params) throw new AppError('input.invalid', 'No can do: that environment does not exist.');
      throw new Error('database password=hunter22 exploded at /srv/app.js:12');
    },
  };
  const features: Feature[] = [...featureTable, { commands: [boom], actions: [] }];

  beforeAll(async () => {
    bot = await createTestBot({ features, captureLogs: true });
  });
  afterAll(async () => {
    await bot.close();
  });

  it('when the bot is installed, then it sends the welcome card with three example commands as Execute buttons with Submit fallbacks', async () => {
    const [reply] = messagesOf(await bot.install());
    const card = cardOf(reply) as { version: string; actions: { type: string; title: string; verb: string; data: Record<string, string>; fallback: { type: string; data: unknown } }[] };
    expect(card.version).toBe('1.5');
    expect(cardStrings(card)).toContain('Demo tenant: Contoso (simulated)');
    expect(card.actions.map((a) => a.title)).toEqual(["why can't Jane access UAT", 'sync Financial Coordinators to UAT', 'environments']);
    for (const action of card.actions) {
      expect(action).toMatchObject({ type: 'Action.Execute', verb: RUN_COMMAND_VERB, data: { verb: RUN_COMMAND_VERB, text: action.title } });
      expect(action.fallback).toEqual({ type: 'Action.Submit', title: action.title, data: action.data });
    }
  });

  it('when Teams announces one install both as installationUpdate and as membersAdded, then the welcome card is sent once', async () => {
    const other = await createTestBot();
    try {
      const first = messagesOf(await other.process(other.activity({ type: 'installationUpdate', action: 'add' })));
      expect(cardStrings(cardOf(first[0]))).toContain("Hi, I'm the Dataverse Access Bot");
      expect(messagesOf(await other.install())).toEqual([]);
    } finally {
      await other.close();
    }
  });

  it('when someone else joins the conversation, then no welcome card is sent', async () => {
    const sent = await bot.process({
      type: 'conversationUpdate',
      membersAdded: [{ id: '29:someone', name: 'Someone' }],
      recipient: { ...BOT_ACCOUNT },
      conversation: { id: TEST_CONVERSATION_ID, isGroup: false, conversationType: 'personal', name: 'test' },
      channelId: 'msteams',
      from: { id: '29:x', name: 'X' },
    });
    expect(messagesOf(sent)).toEqual([]);
  });

  it('when the "environments" example button is clicked (Action.Execute), then the environments card is posted', async () => {
    const result = await bot.invoke(RUN_COMMAND_VERB, { text: 'environments' });
    expect(result.status).toBe(200);
    expect(cardStrings(cardOf(messagesOf(result.replies)[0]))).toContain('Power Platform environments');
  });

  it('when the same button arrives as a legacy Action.Submit, then it does the same', async () => {
    const sent = messagesOf(await bot.submit(RUN_COMMAND_VERB, { text: 'help' }));
    expect(cardStrings(cardOf(sent[0]))).toContain('What I can do');
  });

  it('when a card sends an unknown verb, then the invoke answers with a clear message and nothing else happens', async () => {
    const result = await bot.invoke('sync.delete-everything', { env: 'UAT' });
    expect(result.status).toBe(200);
    expect(result.text).toMatch(/I don't know the button action "sync.delete-everything", so I did nothing/);
    expect(messagesOf(result.replies)).toEqual([]);
  });

  it('when a submit carries malformed data, then the user is told and nothing runs', async () => {
    const [reply] = messagesOf(await bot.submit(RUN_COMMAND_VERB, { text: 42 }));
    expect(reply?.text).toMatch(/did not say which command to run, so I did nothing/);
  });

  it('when the bot is @mentioned in a channel, then the mention is stripped before routing', async () => {
    const sent = await bot.send('<at>Dataverse Access Bot</at> HELP', {
      conversationType: 'channel',
      activity: { entities: [{ type: 'mention', text: '<at>Dataverse Access Bot</at>', mentioned: { ...BOT_ACCOUNT } }] },
    });
    expect(cardStrings(cardOf(messagesOf(sent)[0]))).toContain('What I can do');
  });

  it('when a handler fails unexpectedly, then the user sees only a reference and the log has the error', async () => {
    const sent = await bot.send('boom');
    const [reply] = messagesOf(sent);
    expect(reply?.text).toMatch(/^Something went wrong \(ref: .+\)\.$/);
    expect(reply?.text).not.toMatch(/hunter22|srv|exploded/);
    const line = bot.logs.find((l) => l.msg === 'turn failed');
    expect(line).toBeDefined();
    expect(JSON.stringify(line)).toContain('exploded');
    expect(reply?.text).toContain(String(line?.activityId));
  });

  it('when a handler refuses with an AppError, then the user sees its message', async () => {
    const [reply] = messagesOf(await bot.send('refuse'));
    expect(reply?.text).toBe('No can do: that environment does not exist.');
  });

  it('when any activity arrives, then the conversation reference is stored and proactive messages reach it', async () => {
    await bot.send('hello');
    const stored = await bot.app.conversations.get(TEST_CONVERSATION_ID);
    expect(stored?.reference).toMatchObject({ conversation: { id: TEST_CONVERSATION_ID }, channelId: 'msteams' });
    bot.adapter.drain();
    const ref = await bot.deps.notifier.sendText(TEST_CONVERSATION_ID, 'Sync finished: 3 added, 2 need a licence.');
    expect(ref).toBeUndefined();
    expect(bot.adapter.drain().map((a) => a.text)).toEqual(['Sync finished: 3 added, 2 need a licence.']);
  });
});

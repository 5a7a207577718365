import { cardOf, cardStrings, createTestBot, messagesOf, type TestBot } from '../helpers/bot-harness';

describe('bot commands through the Teams TestAdapter (Contoso demo tenant)', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await createTestBot();
  });
  afterAll(async () => {
    await bot.close();
  });

  it('when someone types "help", then a help card lists every command of the table with an example, and the demo banner', async () => {
    const [reply] = messagesOf(await bot.send('help'));
    const text = cardStrings(cardOf(reply));
    expect(text).toContain('Demo tenant: Contoso (simulated)');
    for (const command of bot.app.router.commands) {
      expect(text).toContain(command.usage);
      expect(text).toContain(command.summary);
    }
  });

  it.each(['HELP', '  Help?! ', 'what can you do?'])('when help is typed as %j, then it still shows help', async (typed) => {
    const [reply] = messagesOf(await bot.send(typed));
    expect(cardStrings(cardOf(reply))).toContain('What I can do');
  });

  it('when someone types "environments", then it shows typing and a card with name, type, Dataverse, security group name and state', async () => {
    const sent = await bot.send('Environments.');
    expect(sent[0]?.type).toBe('typing');
    const text = cardStrings(cardOf(messagesOf(sent)[0]));
    const { fixture } = bot.sim.state();
    for (const env of fixture.environments) expect(text).toContain(env.displayName);
    const uat = fixture.environments.find((e) => e.displayName === 'UAT');
    const group = fixture.groups.find((g) => g.id === uat?.dataverse?.securityGroupId);
    expect(group).toBeDefined();
    expect(text).toContain(group?.displayName);
    expect(text).toContain('Sandbox');
    expect(text).toMatch(/\bNo\b/); // an environment without Dataverse
    expect(text).toContain('Admin mode'); // Staging (maintenance)
    expect(text).not.toContain('${');
  });

  it('when environments are listed, then each distinct security group is looked up once', async () => {
    bot.sim.stats();
    const before = bot.sim.stats() as unknown as { graph?: { requests?: number } };
    await bot.send('environments');
    const after = bot.sim.stats() as unknown as { graph?: { requests?: number } };
    const groups = new Set(bot.sim.state().fixture.environments.map((e) => e.dataverse?.securityGroupId).filter(Boolean));
    if (before.graph?.requests !== undefined && after.graph?.requests !== undefined) {
      expect(after.graph.requests - before.graph.requests).toBeLessThanOrEqual(groups.size);
    }
  });

  it('when someone types something unknown, then the bot says it did not understand and offers the closest commands', async () => {
    const [reply] = messagesOf(await bot.send('enviroments plz'));
    expect(reply?.text).toContain(`I didn't understand "enviroments plz"`);
    expect(reply?.text).toMatch(/closest commands[\s\S]*`environments`/);
    expect(reply?.text).toContain('help');
  });

  it('when someone says hello, then the welcome card comes back', async () => {
    const [reply] = messagesOf(await bot.send('Hi!'));
    expect(cardStrings(cardOf(reply))).toContain("Hi, I'm the Dataverse Access Bot");
  });
});

import { readFileSync } from 'node:fs';
import { CONTOSO_FIXTURE_PATH } from '../../src/sim/server';
import type { TenantFixture } from '../../src/sim/model';
import { featureTable } from '../../src/app/feature-table';
import { cardOf, cardStrings, createTestBot, messagesOf, type TestBot } from '../helpers/bot-harness';

describe('bot commands through the Teams TestAdapter (Contoso demo tenant)', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await createTestBot();
  });
  afterAll(async () => {
    await bot.close();
  });

  it('when an admin types "help", then a help card lists every command of the table with an example, and the demo banner', async () => {
    const [reply] = messagesOf(await bot.send('help'));
    const text = cardStrings(cardOf(reply));
    expect(text).toContain('Demo tenant: Contoso (simulated)');
    // The feature table's commands; those that only ask for a missing part (features' `asks`) are not listed.
    for (const command of featureTable.flatMap((f) => f.commands)) {
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
    expect(text).toContain('no Dataverse'); // an environment without Dataverse
    expect(text).toContain('Admin mode'); // Staging (maintenance)
    expect(text).not.toContain('${');
  });

  it('when environments are listed, then BAP is called once and each distinct security group is looked up once', async () => {
    const before = bot.sim.stats();
    await bot.send('environments');
    const after = bot.sim.stats();
    const groups = new Set(bot.sim.state().fixture.environments.map((e) => e.dataverse?.securityGroupId).filter(Boolean));
    expect(groups.size).toBeGreaterThan(1);
    expect(after.requests.bap - before.requests.bap).toBe(1);
    expect(after.requests.graph - before.requests.graph).toBe(groups.size);
  });

  it('when someone types something unknown, then the bot says it did not understand and offers the closest commands as buttons', async () => {
    const [reply] = messagesOf(await bot.send('zzqx frobnicate'));
    const text = cardStrings(cardOf(reply));
    expect(text).toContain(`I didn't understand "zzqx frobnicate".`);
    expect(text).toMatch(/closest things I can do[\s\S]*\*\*help\*\*/);
  });

  it('when the unknown text has markdown characters, then it is quoted as typed (a TextRun renders none), without escaping backslashes', async () => {
    const [reply] = messagesOf(await bot.send('zzqx *frob* [x](y)'));
    const lead = ((cardOf(reply)?.body as { inlines?: { type: string; text: string }[] }[])[0]?.inlines ?? [])[0];
    expect(lead).toMatchObject({ type: 'TextRun', text: `I didn't understand "zzqx *frob* [x](y)".` });
  });

  it('when a command word is misspelt, then the command meant is offered as a button', async () => {
    const [reply] = messagesOf(await bot.send('enviroments plz'));
    expect(cardStrings(cardOf(reply))).toMatch(/Did you mean[\s\S]*environments/);
  });

  it('when someone says hello, then the welcome card comes back', async () => {
    const [reply] = messagesOf(await bot.send('Hi!'));
    expect(cardStrings(cardOf(reply))).toContain("Hi, I'm the Dataverse Access Bot");
  });
});

describe('environments when the tenant is not as expected', () => {
  it('when an environment points at a group that no longer exists, then the card says so instead of failing', async () => {
    const bot = await createTestBot();
    try {
      const state = bot.sim.state();
      const groupId = state.fixture.environments.find((e) => e.displayName === 'UAT')?.dataverse?.securityGroupId;
      if (!groupId) throw new Error('fixture changed: UAT with a security group expected');
      // The group is deleted in Entra while the environment still names it.
      state.fixture.groups.splice(state.fixture.groups.findIndex((g) => g.id === groupId), 1);
      state.groupsById.delete(groupId.toLowerCase());
      const text = cardStrings(cardOf(messagesOf(await bot.send('environments'))[0]));
      expect(text).toContain(`Unknown group (${groupId.toLowerCase()})`);
    } finally {
      await bot.close();
    }
  });

  it('when the app is not registered as a Power Platform management app, then the user gets an actionable message, not a crash', async () => {
    const fixture = JSON.parse(readFileSync(CONTOSO_FIXTURE_PATH, 'utf8')) as TenantFixture;
    for (const app of fixture.apps) app.managementApp = false;
    const bot = await createTestBot({ fixture });
    try {
      const [reply] = messagesOf(await bot.send('environments'));
      expect(reply?.text).not.toMatch(/^Something went wrong/);
      expect(reply?.text).toMatch(/management app|permission|403|forbidden/i);
    } finally {
      await bot.close();
    }
  });
});

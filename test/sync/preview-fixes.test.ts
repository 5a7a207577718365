/**
 * Previews and named syncs lead with what will work (issue 15, item 5): "Sync the N ready" first,
 * each blocked group with its fix ("Add 2 people to UAT Access"), "Sync all anyway" after; a named
 * person whom the checks expect to fail is shown the prediction and synced only on "Sync anyway";
 * "Retry failed" only where a retry can help.
 */
import { syncRuntimeFor } from '../../src/features/sync';
import { listJobs } from '../../src/jobs/job-store';
import { securityFor } from '../../src/security/guard';
import type { TenantFixture } from '../../src/sim/model';
import { cardOf, cardStrings, createTestBot, messagesOf, type TestBot } from '../helpers/bot-harness';
import { expectValidCard } from '../helpers/card-check';
import { buttonData, confirmAndWait, lastUpdatedCard, preview, type Card } from './helpers/run-group-sync';
import { contosoWith, UAT_SECURITY_GROUP } from './helpers/tenant';

type Action = { title: string; style?: string; data: Record<string, unknown> };
const actionsOf = (card: Card | undefined): Action[] => (card?.actions ?? []) as Action[];

/** Every button inside the card's body (a reason group's fix), by title. */
function bodyButtons(card: Card | undefined): Action[] {
  const found: Action[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const obj = node as Record<string, unknown>;
      if (obj.type === 'ActionSet') found.push(...(obj.actions as Action[]));
      else Object.values(obj).forEach(walk);
    }
  };
  walk(card?.body);
  return found;
}

const fixButton = (card: Card | undefined, title: string): Record<string, unknown> => {
  const button = bodyButtons(card).find((b) => b.title === title);
  if (!button) throw new Error(`no "${title}" fix button on:\n${cardStrings(card)}`);
  return button.data;
};

const groupMembers = (bot: TestBot, groupId: string) => bot.sim.state().fixture.groups.find((g) => g.id === groupId)?.members ?? [];
const userId = (bot: TestBot, name: string) => bot.sim.state().fixture.users.find((u) => u.displayName === name)?.id ?? '';

/** Financial Coordinators with two licensed members taken out of UAT's security group (so two people are blocked only by it). */
function coordinatorsOutOfUatAccess(fixture: TenantFixture, names: string[]): TenantFixture {
  const ids = new Set(fixture.users.filter((u) => names.includes(u.displayName)).map((u) => u.id));
  return { ...fixture, groups: fixture.groups.map((g) => (g.id === UAT_SECURITY_GROUP ? { ...g, members: g.members.filter((m) => !ids.has(m)) } : g)) };
}

describe('a group preview leads with what will work', () => {
  let bot: TestBot;
  let outOfGroup: string[];
  beforeAll(async () => {
    const base = contosoWith();
    const coordinators = base.groups.find((g) => g.displayName === 'Financial Coordinators');
    const licensed = base.users.filter((u) => coordinators?.members.includes(u.id) && u.licenses.length > 0).map((u) => u.displayName);
    outOfGroup = licensed.slice(0, 2);
    bot = await createTestBot({ fixture: coordinatorsOutOfUatAccess(base, outOfGroup), env: { RATE_LIMIT_BURST: '100' } });
  });
  afterAll(async () => {
    await syncRuntimeFor(bot.deps).idle();
    await bot.close();
  });

  it('offers "Sync the N ready" as the primary button, the group fix beside its people, and "Sync all anyway" after', async () => {
    const card = await preview(bot, 'sync Financial Coordinators to UAT');
    expectValidCard(card);
    expect(actionsOf(card).map((a) => [a.title, a.style])).toEqual([
      ['Sync the 1 ready', 'positive'],
      ['Sync all anyway', 'default'],
      ['Cancel', 'default'],
    ]);
    const text = cardStrings(card);
    expect(text).toMatch(/Not in the environment's security group \(2\)/);
    expect(text).toMatch(/No licence with Dataverse \(2\)/);
    // The fix sits with the people it fixes; the licence group has none (the bot cannot assign licences).
    expect(bodyButtons(card).map((b) => b.title)).toEqual(['Add 2 people to UAT Access']);
    await bot.invoke('sync.cancel', buttonData(card, 'Cancel'));
  });

  it('refuses the add for anyone but an admin, before anything is looked up', async () => {
    const card = await preview(bot, 'sync Financial Coordinators to UAT');
    const { fixture } = bot.sim.state();
    const helpdeskId = fixture.groups.find((g) => g.displayName === 'Dataverse Access Bot Helpdesk')?.members[0];
    const refused = await bot.invoke('sync.add-to-group', fixButton(card, 'Add 2 people to UAT Access'), { from: { name: 'Helpdesk Person', aadObjectId: helpdeskId } });
    expect(refused.text).toMatch(/Only members of Dataverse Access Bot Admins/);
    expect(groupMembers(bot, UAT_SECURITY_GROUP)).not.toContain(userId(bot, outOfGroup[0] ?? ''));
    await bot.invoke('sync.cancel', buttonData(card, 'Cancel'));
  });

  it('adds the people blocked only by the group after the clicker confirms, audits it with names, and the preview counts them as ready', async () => {
    const card = await preview(bot, 'sync Financial Coordinators to UAT');
    const graphWritesBefore = groupMembers(bot, UAT_SECURITY_GROUP).length;
    const asked = await bot.invoke('sync.add-to-group', fixButton(card, 'Add 2 people to UAT Access'));
    const ask = asked.card;
    expectValidCard(ask as Card);
    expect(cardStrings(ask)).toMatch(new RegExp(`Add 2 people to UAT Access\\?\\n${outOfGroup[0]} and ${outOfGroup[1]} become direct members of the Entra group UAT Access`));
    expect(groupMembers(bot, UAT_SECURITY_GROUP)).toHaveLength(graphWritesBefore); // nothing yet

    const confirmed = await bot.invoke('sync.confirm-add', buttonData(ask, 'Add 2 people'));
    const refreshed = confirmed.card as Card;
    expectValidCard(refreshed);
    for (const name of outOfGroup) expect(groupMembers(bot, UAT_SECURITY_GROUP)).toContain(userId(bot, name));
    expect(cardStrings(refreshed)).toMatch(new RegExp(`✅ Added ${outOfGroup[0]} and ${outOfGroup[1]} to UAT Access: they count as ready now`));
    expect(cardStrings(refreshed)).toMatch(/Ready\n3\nBlocked\n2/);
    expect(bodyButtons(refreshed)).toEqual([]);
    expect(actionsOf(refreshed).map((a) => a.title)).toEqual(['Sync the 3 ready', 'Sync all anyway', 'Cancel']);

    const [change] = await securityFor(bot.deps).audit.list({ limit: 5 }).then((rows) => rows.filter((r) => r.kind === 'fix'));
    expect(change).toMatchObject({ actorName: 'Nadia Rahman', summary: `added ${outOfGroup[0]} and ${outOfGroup[1]} to UAT Access`, environment: 'UAT', result: 'ok' });

    // The refreshed preview's buttons still work, and the people added are synced.
    const { job } = await confirmAndWait(bot, refreshed, 'Sync the 3 ready');
    expect(job.totals).toMatchObject({ members: 5, synced: 3, skipped: 2, failed: 0 });
  });

});

describe('the group fix when Graph refuses', () => {
  it('says in plain words which Graph permission is missing, adds nobody and records a refusal', async () => {
    const base = contosoWith();
    const coordinators = base.groups.find((g) => g.displayName === 'Financial Coordinators');
    const names = base.users.filter((u) => coordinators?.members.includes(u.id) && u.licenses.length > 0).map((u) => u.displayName).slice(0, 1);
    const fixture = coordinatorsOutOfUatAccess(base, names);
    for (const app of fixture.apps) app.graphPermissions = app.graphPermissions.filter((p) => p !== 'GroupMember.ReadWrite.All');
    const bot = await createTestBot({ fixture, env: { RATE_LIMIT_BURST: '100' } });
    try {
      const card = await preview(bot, 'sync Financial Coordinators to UAT');
      const ask = (await bot.invoke('sync.add-to-group', fixButton(card, `Add ${names[0]} to UAT Access`))).card;
      const answer = await bot.invoke('sync.confirm-add', buttonData(ask, `Add 1 person`));
      const text = cardStrings(answer.card);
      expect(text).toMatch(/⛔ I added nobody to UAT Access\. Microsoft Graph refused \(403 Forbidden\): the bot's app registration lacks the application permission GroupMember\.ReadWrite\.All/);
      expect(groupMembers(bot, UAT_SECURITY_GROUP)).not.toContain(userId(bot, names[0] ?? ''));
      expect(bodyButtons(answer.card).map((b) => b.title)).toEqual([`Add ${names[0]} to UAT Access`]); // still blocked, still offered
      const [row] = await securityFor(bot.deps).audit.list({ limit: 1 });
      expect(row).toMatchObject({ what: 'sync.confirm-add', result: 'refused' });
    } finally {
      await bot.close();
    }
  });
});

describe('a named-person sync whose prediction fails', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await createTestBot({ fixture: contosoWith(), env: { RATE_LIMIT_BURST: '100' } });
  });
  afterAll(async () => {
    await syncRuntimeFor(bot.deps).idle();
    await bot.close();
  });

  it('shows the prediction and the fix first, and calls addUser only on "Sync anyway"', async () => {
    const addsBefore = bot.sim.stats().requests.bap;
    const [reply] = messagesOf(await bot.send('sync Jane to UAT'));
    const card = cardOf(reply);
    expectValidCard(card as Card);
    expect(cardStrings(card)).toMatch(/Sync Jane Doe to UAT\?\nBefore syncing I checked this person: Power Platform would refuse the sync/);
    expect(cardStrings(card)).toMatch(/Not in the environment's security group/);
    expect(bodyButtons(card).map((b) => b.title)).toEqual(['Add Jane Doe to UAT Access']);
    expect(actionsOf(card).map((a) => a.title)).toEqual(['Sync anyway', 'Cancel']);
    await syncRuntimeFor(bot.deps).idle();
    expect(bot.sim.stats().requests.bap - addsBefore).toBe(1); // the environment list, no addUser

    const { job } = await confirmAndWait(bot, card as Card, 'Sync anyway');
    expect(job.totals).toMatchObject({ members: 1, failed: 1 });
    expect(cardStrings(lastUpdatedCard(bot))).toMatch(/Not in the environment's security group/);
  });

  it('after "Add Jane Doe to UAT Access" the same card offers "Sync now", and the sync works', async () => {
    const [reply] = messagesOf(await bot.send('sync Jane Doe to UAT'));
    const ask = (await bot.invoke('sync.add-to-group', fixButton(cardOf(reply), 'Add Jane Doe to UAT Access'))).card;
    const fixed = (await bot.invoke('sync.confirm-add', buttonData(ask, 'Add 1 person'))).card as Card;
    expect(cardStrings(fixed)).toMatch(/✅ Added Jane Doe to UAT Access/);
    expect(actionsOf(fixed).map((a) => [a.title, a.style])).toEqual([['Sync now', 'positive'], ['Cancel', 'default']]);
    const { job } = await confirmAndWait(bot, fixed, 'Sync now');
    expect(job.totals).toMatchObject({ members: 1, synced: 1, failed: 0 });
  });

  it('queues at once when the checks find nothing in the way', async () => {
    const sent = messagesOf(await bot.send('sync Avery Brooks to UAT'));
    expect(cardStrings(cardOf(sent[0]))).toMatch(/Syncing Avery Brooks to UAT/);
    await syncRuntimeFor(bot.deps).idle();
  });
});

describe('"Retry failed" only where a retry can help', () => {
  it('is not offered for a missing licence, and is offered (retrying only those) when the service did not answer', async () => {
    const bot = await createTestBot({ fixture: contosoWith(), env: { RATE_LIMIT_BURST: '100', SYNC_MAX_RETRIES: '0' } });
    try {
      const [lucas] = messagesOf(await bot.send('sync Lucas Martin to UAT'));
      const licence = await confirmAndWait(bot, cardOf(lucas) as Card, 'Sync anyway');
      expect(licence.job.totals.failed).toBe(1);
      expect(actionsOf(licence.result).map((a) => a.title)).toEqual(['Show all', 'Re-check a user']);
      const refused = await bot.invoke('sync.retry-failed', { jobId: licence.job.id, page: '1' });
      expect(refused.text).toMatch(/A retry would not help the failed members of job/);

      bot.sim.setConfig({ bap: { random503Rate: 1 } });
      const [avery] = messagesOf(await bot.send('sync Avery Brooks to UAT'));
      expect(cardStrings(cardOf(avery))).toMatch(/Syncing Avery Brooks/);
      await syncRuntimeFor(bot.deps).idle();
      bot.sim.setConfig({ bap: { random503Rate: 0 } });
      const busy = lastUpdatedCard(bot);
      expect(cardStrings(busy)).toMatch(/The Power Platform admin service did not answer/);
      const retry = await bot.invoke('sync.retry-failed', buttonData(busy, 'Retry failed'));
      expect(cardStrings(cardOf(messagesOf(retry.replies)[0]))).toMatch(/failed members of job/);
      await syncRuntimeFor(bot.deps).idle();
      expect((await listJobs(bot.deps.db, 1))[0]).toMatchObject({ kind: 'retry', totals: { members: 1, synced: 1, failed: 0 } });
    } finally {
      await bot.close();
    }
  });
});

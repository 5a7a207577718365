import type { Activity } from 'botbuilder';
import type { TenantFixture } from '../../src/sim/model';
import { cardOf, cardStrings, createTestBot, messagesOf, type TestBot, type TestUser } from '../helpers/bot-harness';
import { syncRuntimeFor } from '../../src/features/sync/sync-runtime';
import { contosoWith, UAT_SECURITY_GROUP, withAdmin } from '../sync/helpers/tenant';

const ADMIN: TestUser = { name: 'Nadia Rahman', aadObjectId: 'd659a488-07e2-473b-ba03-cab544e94467' };
const HELPDESK: TestUser = { name: 'Liam Chen', aadObjectId: 'a567fc7c-67cc-4449-b011-e98e61553d63' };
const PLAIN_USER: TestUser = { name: 'Jane Doe', aadObjectId: '1bc176ac-113e-4105-a8d2-93516aa828e1' };
const SECOND_ADMIN: TestUser = { name: 'Omar Farouk', aadObjectId: '9a2d1e0d-abab-429f-bed0-8c2c685e5b65' };
const LICENSING_GROUP = '465cd8f8-8d5d-46a7-b309-8de22975267a';

let bot: TestBot;
afterEach(async () => bot?.close());

const card = (activities: Partial<Activity>[]) => cardOf(messagesOf(activities)[0]);
const textOf = (activities: Partial<Activity>[]) => messagesOf(activities).map((a) => a.text ?? cardStrings(cardOf(a))).join('\n');
/** The names line under a section heading ("🔄 **Members of … not yet in UAT: 13**"). */
function section(activities: Partial<Activity>[], heading: RegExp): { count: number; people: string } {
  const containers = ((card(activities)?.body ?? []) as Record<string, unknown>[]).filter((b) => b.type === 'Container');
  for (const container of containers) {
    const [head, , people] = (container.items as { text: string }[]).map((i) => i.text);
    const match = head ? /: ([\d,]+)\*\*$/.exec(head) : null;
    if (head && heading.test(head) && match) return { count: Number(match[1]?.replace(/,/g, '')), people: people ?? '' };
  }
  throw new Error(`no section ${heading}`);
}
function button(activities: Partial<Activity>[], title: RegExp): { verb: string; data: Record<string, unknown> } {
  const actions = (cardOf(messagesOf(activities)[0])?.actions ?? []) as { title: string; verb: string; data: Record<string, unknown> }[];
  const found = actions.find((a) => title.test(a.title));
  if (!found) throw new Error(`no button ${title} among ${actions.map((a) => a.title).join(', ')}`);
  return found;
}

/** Contoso with one person in every category: Wei holds no role, Siobhan left UAT Access, Zoë lost her licence. */
function everyCategory(): TenantFixture {
  const fixture = withAdmin(contosoWith(), SECOND_ADMIN.aadObjectId!);
  const uat = fixture.environments.find((e) => e.displayName === 'UAT')!.dataverse!;
  uat.systemUsers.find((u) => u.fullName === 'Wei Zhang')!.roleIds = [];
  uat.teams.forEach((t) => (t.memberIds = t.memberIds.filter((id) => id !== uat.systemUsers.find((u) => u.fullName === 'Wei Zhang')!.systemUserId)));
  const siobhan = fixture.users.find((u) => u.displayName === "Siobhan O'Brien")!.id;
  const zoe = fixture.users.find((u) => u.displayName === 'Zoë Müller')!.id;
  fixture.groups = fixture.groups.map((g) =>
    g.id === UAT_SECURITY_GROUP ? { ...g, members: g.members.filter((m) => m !== siobhan) } : g.id === LICENSING_GROUP ? { ...g, members: g.members.filter((m) => m !== zoe) } : g,
  );
  return fixture;
}

describe('who has access to an environment (Contoso, simulated)', () => {
  it('when helpdesk asks, then every category shows with its count and the people behind it', async () => {
    bot = await createTestBot({ fixture: everyCategory(), from: HELPDESK });
    const replies = await bot.send('who has access to UAT');
    expect(textOf(replies)).toContain('Security group UAT Access: 17 direct members count');
    expect(section(replies, /with a role/)).toEqual({ count: 2, people: 'Ingrid Olsen (not in the group: kept in Administrative mode, as an admin), Integration Service' });
    expect(section(replies, /without any role/)).toEqual({ count: 1, people: 'Wei Zhang' });
    const notYet = section(replies, /not yet in UAT/);
    expect(notYet.count).toBe(13);
    expect(notYet.people).toContain('Lucas Martin (no Dataverse licence: a sync would be refused)');
    expect(notYet.people).toContain('Tom Becker (sign-in blocked: a sync would be refused)');
    expect(section(replies, /next background sync/)).toEqual({ count: 2, people: "Siobhan O'Brien (no longer in the security group), Zoë Müller (no Dataverse licence)" });
    expect(section(replies, /Disabled in UAT/)).toEqual({ count: 3, people: 'Ben Carter, Chris Doyle (a sync re-enables them), Grace Liu' });
    expect(button(replies, /Sync the 13 people not yet in UAT/).verb).toBe('access.sync-missing');
    expect(button(replies, /Assign a role to the 1 person without one/).verb).toBe('access.assign-roles');
  });

  it('when a plain user asks, then it is refused; when helpdesk presses a bulk fix, then that is refused too (admins only)', async () => {
    bot = await createTestBot({ fixture: everyCategory(), from: ADMIN });
    expect(textOf(await bot.send('who has access to UAT', { from: PLAIN_USER }))).toMatch(/helpdesk|admin/i);
    const replies = await bot.send('who has access to UAT', { from: HELPDESK });
    const sync = button(replies, /Sync the 13/);
    const refused = await bot.invoke(sync.verb, sync.data, { from: HELPDESK });
    expect(refused.text ?? '').toMatch(/admin/i);
    expect(bot.sim.state().environmentsByOrg.get('contosouat')!.dataverse!.systemUsers.some((u) => u.fullName === 'Avery Brooks')).toBe(false);
  });

  it('when an admin syncs the people not yet in UAT, then exactly those go through the sync job engine, once, and only for the admin who asked', async () => {
    bot = await createTestBot({ fixture: everyCategory(), from: ADMIN });
    const replies = await bot.send('who has access to UAT');
    const sync = button(replies, /Sync the 13/);
    const ask = await bot.invoke(sync.verb, sync.data);
    expect(cardStrings(ask.card)).toContain('Sync 13 people into UAT?');
    const confirm = ((ask.card?.actions ?? []) as { title: string; verb: string; data: Record<string, unknown> }[]).find((a) => /Sync 13/.test(a.title))!;
    const forwarded = await bot.invoke(confirm.verb, confirm.data, { from: SECOND_ADMIN });
    expect(forwarded.text).toContain('Only the person who asked for this can confirm it.');
    const started = await bot.invoke(confirm.verb, confirm.data);
    expect(cardStrings(started.card)).toContain('Syncing 13 members of UAT Access not yet in UAT to UAT');
    await syncRuntimeFor(bot.deps).idle();
    const job = (await bot.deps.db.selectFrom('sync_jobs').selectAll().execute()).at(-1)!;
    const members = await bot.deps.db.selectFrom('sync_job_members').select(['display_name', 'state', 'reason']).where('job_id', '=', job.id).execute();
    expect(members.map((m) => m.display_name).sort()).toEqual(section(replies, /not yet in UAT/).people.replace(/ \([^)]*\)/g, '').split(', ').sort());
    expect(members.find((m) => m.display_name === 'Avery Brooks')?.state).toBe('synced');
    expect(members.find((m) => m.display_name === 'Lucas Martin')).toMatchObject({ state: 'failed', reason: 'userNotLicensed' });
    expect(bot.sim.state().environmentsByOrg.get('contosouat')!.dataverse!.systemUsers.some((u) => u.fullName === 'Avery Brooks')).toBe(true);
    expect((await bot.invoke(confirm.verb, confirm.data)).text).toContain('already confirmed');
  });

  it('when an admin assigns a role to the people without one, then the peers\' roles come first and the choice runs a sync with that role', async () => {
    bot = await createTestBot({ fixture: everyCategory(), from: ADMIN });
    const replies = await bot.send('who has access to UAT');
    const assign = button(replies, /Assign a role to the 1 person/);
    const picker = await bot.invoke(assign.verb, assign.data);
    const text = cardStrings(picker.card);
    expect(text).toContain('Which security role should Wei Zhang get in UAT?');
    const choices = ((picker.card?.actions ?? []) as { title: string; data: { text: string } }[]);
    expect(choices[0]?.title).toMatch(/\(\d of 2 with a role\)/);
    expect(choices[0]?.data.text).toMatch(/^sync 624028d7-[0-9a-f-]+ to ceb11b53-d685-4c77-9a64-37b481898617 as /);
  });
});

import { GROUP_AND_LICENCE } from '../../src/features/sync/predict-member';
import { readFileSync } from 'node:fs';
import { createTestBot, type TestBot } from '../helpers/bot-harness';
import { addUserReason } from '../../src/domain/access/add-user-reasons';
import { buildContext } from '../../src/domain/access/context';
import { roleSources } from '../../src/domain/access/check-security-role';
import { assessAccess } from '../../src/domain/access/evaluate';
import { waitUntilVisible } from '../../src/features/diagnose/sync-user';
import { combineFacts, gatherUserFacts, loadEnvironmentData } from '../../src/features/diagnose/gather-facts';
import { fillMembers } from '../../src/features/sync/fill-members';
import { createJob } from '../../src/jobs/job-store';
import { groupByReason, listMembers } from '../../src/jobs/member-store';
import type { MemberRow } from '../../src/jobs/job-types';
import type { AddUserOutcome, DirectoryUser, Environment } from '../../src/gateways/types';
import { CONTOSO_FIXTURE_PATH } from '../../src/sim/server';
import type { TenantFixture } from '../../src/sim/model';

/**
 * The differential oracle: for every Contoso user × every environment, what the bot predicts about
 * addUser (the sync preview's path, and the diagnosis's) must be what the simulated tenant's addUser
 * then does — 200, or the same refusal reason. The rules are written twice, independently (the
 * simulator never imports the bot's domain), so a disagreement is a bug on one side.
 */

interface Pair {
  user: DirectoryUser;
  env: Environment;
  /** The check the sync preview names as blocking, or null for "ready". */
  preview: string | null;
  /** The check the diagnosis names as what addUser refuses on, or null. */
  diagnosis: string | null;
  /** Not in the environment before addUser: the group teams (with roles) the diagnosis promises, else null. */
  promisedTeams: string[] | null;
  outcome?: AddUserOutcome;
}

let bot: TestBot;
const pairs: Pair[] = [];

beforeAll(async () => {
  bot = await createTestBot({ fixture: withTestTeams() });
  const { deps } = bot;
  const environments = await deps.powerPlatform.listEnvironments();
  const users: DirectoryUser[] = [];
  // The people written into the fixture (not the 2,500 generated sales reps, who repeat four licence mixes).
  const fixture = JSON.parse(readFileSync(CONTOSO_FIXTURE_PATH, 'utf8')) as TenantFixture;
  for (const fixtureUser of fixture.users) {
    const user = await deps.graph.getUser(fixtureUser.id);
    if (user) users.push(user);
  }
  // As the "everywhere" diagnosis does: what is known about a person is gathered once, then per environment.
  const userFacts = await Promise.all(users.map((user) => gatherUserFacts(deps, user)));
  // Every prediction first (addUser provisions rows, which would change later predictions).
  for (const env of environments) {
    const preview = await previewOf(env, users);
    const data = await Promise.all(users.map((user) => loadEnvironmentData(deps, user.id, env)));
    for (const [i, user] of users.entries()) {
      const member = preview.get(user.id);
      if (!member) throw new Error(`the preview left out ${user.displayName}`);
      const facts = combineFacts(userFacts[i]!, data[i]!);
      const { addUserBlocker } = assessAccess(facts);
      const promisedTeams = facts.systemUser === null ? [...new Set(roleSources(buildContext(facts)).pending.map((p) => p.team))].sort() : null;
      const blocked = member.prediction === 'blocked';
      // "security-group+license" (in the group, the licence would still block) is refused first for the group, as addUser does.
      const reason = member.predictionReason === GROUP_AND_LICENCE ? 'security-group' : member.predictionReason;
      pairs.push({ user, env, preview: blocked ? (reason ?? 'unknown') : null, diagnosis: addUserBlocker?.id ?? null, promisedTeams });
    }
  }
  for (const pair of pairs) pair.outcome = await deps.powerPlatform.addUser(pair.env.id, pair.user.id);
}, 20_000);

afterAll(async () => bot?.close());

/** The sync preview's own path: a job filled with these people, as `sync <people> --dry-run` does. */
async function previewOf(env: Environment, users: DirectoryUser[]): Promise<Map<string, MemberRow> & { jobId: string }> {
  const { deps } = bot;
  const jobId = await createJob(deps.db, {
    kind: 'users', requestedBy: { aadObjectId: null, name: 'oracle' }, conversationKey: null,
    environment: { id: env.id, displayName: env.displayName, instanceUrl: env.dataverse?.instanceUrl ?? null },
    target: 'Contoso people', options: { includeNested: false, readyOnly: false, waitForLicences: false }, state: 'preview', now: deps.now(),
  });
  await fillMembers({ deps, jobId, environment: env, source: { users } });
  return Object.assign(new Map((await listMembers(deps.db, jobId, { offset: 0, limit: users.length })).map((m) => [m.objectId, m])), { jobId });
}

const UAT_ACCESS = 'b334d23a-c075-4b09-a359-4e9089de4a59';

/**
 * Contoso plus two group teams in the Default environment, so every membership type is exercised:
 * one on UAT Access for members (Priya Patel is in it only through Finance Interns: nested) and one
 * on UAT Access for owners (Ravi Iyer owns it). Teams don't change what addUser decides.
 */
function withTestTeams(): TenantFixture {
  const fixture = JSON.parse(readFileSync(CONTOSO_FIXTURE_PATH, 'utf8')) as TenantFixture;
  const dataverse = fixture.environments.find((env) => env.sku === 'Default')?.dataverse;
  if (!dataverse) throw new Error('Contoso has no Default environment with Dataverse');
  const businessUnitId = dataverse.businessUnits[0]?.id ?? '';
  const basicUser = dataverse.roles.find((role) => role.name === 'Basic User')?.id ?? '';
  const maker = dataverse.roles.find((role) => role.name === 'Environment Maker')?.id ?? '';
  dataverse.teams.push(
    { id: 'a0000000-0000-4000-8000-000000000001', name: 'UAT Access Members', teamType: 2, membershipType: 0, groupId: UAT_ACCESS, businessUnitId, roleIds: [basicUser], memberIds: [] },
    { id: 'a0000000-0000-4000-8000-000000000002', name: 'UAT Access Owners', teamType: 2, membershipType: 2, groupId: UAT_ACCESS, businessUnitId, roleIds: [maker], memberIds: [] },
  );
  return fixture;
}

/** What the simulator did, in the bot's words: null for 200, else the check its inner code maps to. */
function simulated(outcome: AddUserOutcome | undefined): string | null {
  if (!outcome) throw new Error('addUser was not called');
  if (outcome.ok) return null;
  if (outcome.kind !== 'rejected') throw new Error(`addUser did not answer with a decision: ${JSON.stringify(outcome)}`);
  return addUserReason(outcome.code).check ?? `unexplained ${outcome.code}`;
}

const describePair = (p: Pair, said: string | null) =>
  `${p.user.displayName} × ${p.env.displayName}: bot ${said ?? 'ready'}, simulator ${simulated(p.outcome) ?? '200'}${p.outcome && !p.outcome.ok && p.outcome.kind === 'rejected' ? ` (${p.outcome.code})` : ''}`;

describe('bot predictions vs the simulated tenant (every Contoso user × environment)', () => {
  it('covers every user in every environment, with both outcomes and every refusal kind', async () => {
    expect(pairs.length).toBeGreaterThanOrEqual(27 * 11);
    const codes = new Set(pairs.map((p) => (p.outcome && !p.outcome.ok && p.outcome.kind === 'rejected' ? p.outcome.code : 'ok')));
    expect([...codes].sort()).toEqual(['instanceNotFound', 'ok', 'userDisabledInAAD', 'userNotEnvironmentCreator', 'userNotLicensed', 'userNotPartOfSecurityGroup']);
  });

  it('the sync preview predicts exactly what addUser does', async () => {
    const disagreements = pairs.filter((p) => p.preview !== simulated(p.outcome)).map((p) => describePair(p, p.preview));
    expect(disagreements).toEqual([]);
  });

  it('the group-team roles the diagnosis promises are the group teams the person joins once added', async () => {
    const checked: string[] = [];
    const broken: string[] = [];
    for (const p of pairs) {
      const instanceUrl = p.env.dataverse?.instanceUrl;
      if (!p.outcome?.ok || p.promisedTeams === null || !instanceUrl) continue;
      expect(await waitUntilVisible(bot.deps, instanceUrl, p.user.id, 2_000)).toBe(true);
      const row = await bot.deps.dataverse.findSystemUser(instanceUrl, p.user.id);
      const joined = (row?.teams ?? []).filter((t) => t.groupId !== null && t.roles.length > 0).map((t) => t.name).sort();
      if (joined.join() !== p.promisedTeams.join()) broken.push(`${p.user.displayName} × ${p.env.displayName}: promised [${p.promisedTeams.join(', ')}], joined [${joined.join(', ')}]`);
      if (joined.length > 0) checked.push(`${p.user.displayName} × ${p.env.displayName}: ${joined.join(', ')}`);
    }
    expect(broken).toEqual([]);
    // Not vacuous: members (type 0 and 1) and an owner (type 2) really joined teams.
    expect(checked).toEqual(expect.arrayContaining([
      'Avery Brooks × UAT: Finance Department Team, Financial Coordinator Team',
      'Ravi Iyer × Contoso (default): UAT Access Owners',
    ]));
    expect(checked.filter((c) => c.startsWith('Priya Patel × Contoso (default)'))).toEqual([]);
  });

  it('the preview names the real security group, not a placeholder', async () => {
    const jane = pairs.find((p) => p.user.displayName === 'Jane Doe' && p.env.displayName === 'UAT');
    if (!jane) throw new Error('Jane × UAT is missing');
    const { jobId } = await previewOf(jane.env, [jane.user]);
    expect(await groupByReason(bot.deps.db, jobId, 'pending', 5, true)).toEqual([
      { reason: 'security-group', count: 1, names: ['Jane Doe'], detail: 'Jane is not a member of UAT Access, the security group of UAT.' },
    ]);
  });

  it('the diagnosis names the same refusal as addUser', async () => {
    const disagreements = pairs.filter((p) => p.diagnosis !== simulated(p.outcome)).map((p) => describePair(p, p.diagnosis));
    expect(disagreements).toEqual([]);
  });
});

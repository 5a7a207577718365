import type { DataverseProbeTarget, DoctorProbe, Environment, PowerPlatformGateway, ProbeAnswer, TokenProbe } from '../../gateways/types';
import { AppError } from '../../errors';
import { mapBounded } from '../../map-bounded';
import { notChecked, passed, type DoctorCheck } from './doctor-report';
import { assignApplicationUser, registerManagementApp } from './fixes';
import { answered } from './graph-checks';
import { dataverseTokenCheck, type RefusedToken } from './token-checks';

/** Environments probed at once: each sends up to 4 Dataverse reads together, so 32 stay under Dataverse's 52 (§3.6). */
export const ENVIRONMENT_CONCURRENCY = 8;

const READS: readonly { target: Exclude<DataverseProbeTarget, 'WhoAmI'>; what: string; privilege: string }[] = [
  { target: 'systemusers', what: 'users', privilege: 'prvReadUser' },
  { target: 'teams', what: 'teams', privilege: 'prvReadTeam' },
  { target: 'roles', what: 'security roles', privilege: 'prvReadRole' },
  { target: 'businessunits', what: 'business units', privilege: 'prvReadBusinessUnit' },
];

/** What one environment's Dataverse answered the bot. */
type Footing =
  | { kind: 'ok' }
  | { kind: 'no-token'; token: Extract<TokenProbe, { ok: false }> }
  | { kind: 'no-app-user' }
  | { kind: 'cannot-read'; missing: string[] }
  | { kind: 'unreachable'; why: string };

interface Probed {
  environment: Environment & { dataverse: NonNullable<Environment['dataverse']> };
  footing: Footing;
}

/** The management-app registration (BAP), then tokens and the application user in every Dataverse environment. */
export async function environmentChecks(
  deps: { powerPlatform: Pick<PowerPlatformGateway, 'listEnvironments'>; doctor: Pick<DoctorProbe, 'token' | 'readDataverse'> },
  bapToken: TokenProbe,
  appId: string | null,
): Promise<{ powerPlatform: DoctorCheck; dataverseTokens: DoctorCheck; dataverse: DoctorCheck }> {
  const title = 'Power Platform management application';
  const unlisted = (because: string, first: string, powerPlatform: DoctorCheck) => ({
    powerPlatform,
    dataverseTokens: notChecked('token.dataverse', 'Tokens for Dataverse', because, first),
    dataverse: notChecked('dataverse', 'Dataverse application users', because, first),
  });
  if (!bapToken.ok) {
    const first = 'Token for the Power Platform admin API';
    return unlisted('no environment list without a Power Platform token.', first, notChecked('power-platform', title, `no token (see ${first}).`, first));
  }
  let environments: Environment[];
  try {
    environments = await deps.powerPlatform.listEnvironments();
  } catch (error) {
    const failure = error instanceof AppError ? error : null;
    const check: DoctorCheck =
      failure?.code === 'bap.forbidden'
        ? { id: 'power-platform', status: 'fail', title, detail: `The environment list answered 403: app ${appId ?? 'unknown'} is not registered as a Power Platform management application.`, fix: registerManagementApp(appId) }
        : { id: 'power-platform', status: 'warn', title, detail: `Could not check: ${failure?.userMessage ?? 'the Power Platform admin API did not answer.'}`, fix: 'Run doctor again in a minute.' };
    return unlisted(`the environment list is needed first (see ${title}).`, title, check);
  }
  const powerPlatform = passed('power-platform', title, `Registered: the environment list answered with ${environments.length} environment${environments.length === 1 ? '' : 's'}.`);
  const withDataverse = environments.filter((e): e is Probed['environment'] => e.dataverse !== null).sort((a, b) => a.displayName.localeCompare(b.displayName));
  const probed = await mapBounded(withDataverse, ENVIRONMENT_CONCURRENCY, async (environment) => ({ environment, footing: await footingIn(deps.doctor, environment.dataverse.instanceUrl) }));
  const refused: RefusedToken[] = probed.flatMap((p) => (p.footing.kind === 'no-token' ? [{ environment: p.environment.displayName, token: p.footing.token }] : []));
  return {
    powerPlatform,
    dataverseTokens: dataverseTokenCheck(withDataverse.length, refused, appId),
    dataverse: dataverseCheck(probed, environments.length - withDataverse.length, appId),
  };
}

/** Token, then WhoAmI (the application user exists and is enabled), then one cheap read of each entity set the bot reads. */
async function footingIn(doctor: Pick<DoctorProbe, 'token' | 'readDataverse'>, instanceUrl: string): Promise<Footing> {
  const token = await doctor.token({ dataverse: instanceUrl });
  if (!token.ok) return { kind: 'no-token', token };
  const whoAmI = await doctor.readDataverse(instanceUrl, 'WhoAmI');
  if (!whoAmI.ok) return whoAmI.status === 403 && whoAmI.code === '0x80072560' ? { kind: 'no-app-user' } : { kind: 'unreachable', why: `WhoAmI ${answered(whoAmI)}` };
  const reads = await Promise.all(READS.map((r) => doctor.readDataverse(instanceUrl, r.target)));
  const failed = READS.map((r, i) => ({ ...r, answer: reads[i] as ProbeAnswer })).filter((r) => !r.answer.ok);
  const missing = failed.filter((r) => !r.answer.ok && r.answer.status === 403);
  if (missing.length > 0) return { kind: 'cannot-read', missing: missing.map((r) => `${r.what} (${r.privilege})`) };
  const other = failed[0];
  if (other && !other.answer.ok) return { kind: 'unreachable', why: `${other.target} ${answered(other.answer)}` };
  return { kind: 'ok' };
}

function dataverseCheck(probed: readonly Probed[], withoutDataverse: number, appId: string | null): DoctorCheck {
  const id = 'dataverse';
  const title = 'Dataverse application users';
  const skipped = withoutDataverse > 0 ? ` (${withoutDataverse} without Dataverse not checked)` : '';
  const tokenless = probed.filter((p) => p.footing.kind === 'no-token').length;
  const checked = probed.length - tokenless;
  const ok = probed.filter((p) => p.footing.kind === 'ok');
  const noUser = probed.filter((p) => p.footing.kind === 'no-app-user');
  const cannotRead = probed.filter((p) => p.footing.kind === 'cannot-read');
  const unreachable = probed.filter((p) => p.footing.kind === 'unreachable');
  const head = `The application user can read users, teams, security roles and business units in ${ok.length} of ${checked} environment${checked === 1 ? '' : 's'} with Dataverse${skipped}.`;
  if (noUser.length + cannotRead.length + unreachable.length === 0) return passed(id, title, head);
  const sentences = [head];
  if (noUser.length > 0) sentences.push(`No enabled application user for app ${appId ?? 'unknown'} in: ${names(noUser)}.`);
  if (cannotRead.length > 0) {
    const list = cannotRead.map((p) => `${p.environment.displayName} (${p.footing.kind === 'cannot-read' ? p.footing.missing.join(', ') : ''})`).join('; ');
    sentences.push(`Its role cannot read: ${list}.`);
  }
  if (unreachable.length > 0) sentences.push(`Could not check: ${unreachable.map((p) => `${p.environment.displayName} (${p.footing.kind === 'unreachable' ? p.footing.why : ''})`).join('; ')}.`);
  const blocked = [...noUser, ...cannotRead].sort((a, b) => a.environment.displayName.localeCompare(b.environment.displayName));
  if (blocked.length === 0) return { id, status: 'warn', title, detail: sentences.join(' '), fix: 'Run doctor again in a minute.' };
  return { id, status: 'fail', title, detail: sentences.join(' '), fix: assignApplicationUser(appId, blocked.map((p) => ({ id: p.environment.id, name: p.environment.displayName }))) };
}

const names = (probed: readonly Probed[]): string => probed.map((p) => p.environment.displayName).join(', ');

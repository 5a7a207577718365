import type { Deps } from '../../app/deps';
import type { Config } from '../../config';
import { appVersion } from '../../http/health';
import type { TokenProbe } from '../../gateways/types';
import { worstOf, type DoctorCheck, type DoctorReport } from './doctor-report';
import { environmentChecks } from './environment-checks';
import { graphChecks } from './graph-checks';
import { roleGroupChecks } from './group-checks';
import { configCheck, dataSourceCheck, storeCheck, versionCheck } from './local-checks';
import { tokenCheck } from './token-checks';

export type DoctorDeps = Pick<Deps, 'config' | 'graph' | 'powerPlatform' | 'doctor' | 'store'>;

/**
 * The bot checks its own footing in the tenant: configuration, store, tokens, Graph permissions,
 * role groups, the Power Platform registration and every environment's application user. Read-only:
 * GETs and token requests, and the store's own write probe, which changes nothing. Graph and the environments are
 * probed at the same time; environments a few at a time (ENVIRONMENT_CONCURRENCY).
 */
export async function runDoctor(deps: DoctorDeps): Promise<DoctorReport> {
  const { config } = deps;
  const version = appVersion();
  const local = [configCheck(null), dataSourceCheck(config), versionCheck(version), await storeCheck(deps.store)];
  const [graphToken, bapToken] = await Promise.all([deps.doctor.token('graph'), deps.doctor.token('bap')]);
  const appId = appIdOf(graphToken) ?? appIdOf(bapToken) ?? configuredAppId(config);
  const [graph, environments] = await Promise.all([
    graphChecks(deps.doctor, graphToken, appId).then(async (permissions) => [...permissions, ...(await roleGroupChecks(deps, config.roles, canReadGroups(permissions)))]),
    environmentChecks(deps, bapToken, appId),
  ]);
  const checks: DoctorCheck[] = [
    ...local,
    tokenCheck('token.graph', 'Microsoft Graph', graphToken, appId),
    tokenCheck('token.bap', 'the Power Platform admin API', bapToken, appId),
    environments.dataverseTokens,
    ...graph,
    environments.powerPlatform,
    environments.dataverse,
  ];
  return { status: worstOf(checks), version, dataSource: config.dataSource, checks };
}

/** The report when the configuration cannot be loaded (CLI only: the bot does not start then). */
export function invalidConfigReport(problems: string): DoctorReport {
  const version = appVersion();
  const checks = [configCheck(problems), versionCheck(version)];
  return { status: worstOf(checks), version, dataSource: null, checks };
}

const appIdOf = (token: TokenProbe): string | null => (token.ok ? token.appId : null);

function configuredAppId(config: Pick<Config, 'microsoft'>): string | null {
  const { credential } = config.microsoft;
  return credential.clientId === '' ? null : credential.clientId;
}

/** The role groups are read with GroupMember.Read.All: without it their checks would only repeat its 403. */
function canReadGroups(permissions: readonly DoctorCheck[]): boolean {
  return permissions.find((c) => c.id === 'graph.GroupMember.Read.All')?.status === 'pass';
}

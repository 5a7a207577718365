import type { DoctorProbe, GraphProbeTarget, ProbeAnswer, TokenProbe } from '../../gateways/types';
import { notChecked, passed, type DoctorCheck } from './doctor-report';
import { grantGraphPermission, removeGraphPermissions } from './fixes';

/** README "Least privilege": each read permission, proven by the cheapest call to an endpoint that needs it (§4.1). */
export const GRAPH_READ_PERMISSIONS: readonly { permission: string; target: GraphProbeTarget; call: string; neededFor: string }[] = [
  { permission: 'User.Read.All', target: 'users', call: 'GET /users', neededFor: 'finding people in every diagnosis and sync' },
  { permission: 'GroupMember.Read.All', target: 'groups', call: 'GET /groups', neededFor: "security groups, group syncs and the bot's own roles" },
  { permission: 'LicenseAssignment.Read.All', target: 'subscribedSkus', call: 'GET /subscribedSkus', neededFor: 'licence checks' },
  { permission: 'RoleManagement.Read.Directory', target: 'directoryRoles', call: 'GET /directoryRoles', neededFor: 'recognising Global, Power Platform and Dynamics 365 admins' },
  { permission: 'Application.Read.All', target: 'servicePrincipals', call: 'GET /servicePrincipals', neededFor: 'diagnosing application users (integrations) by name or app id' },
];

/**
 * The write permissions, one per kind of change the bot makes. Proving one would mean changing the tenant, so
 * doctor reads the Graph token's `roles` claim instead, where Entra lists the granted application permissions
 * (or a higher one that includes it).
 */
export const GRAPH_WRITE_PERMISSIONS: readonly { permission: string; includedIn: readonly string[]; usedBy: string }[] = [
  {
    permission: 'GroupMember.ReadWrite.All',
    includedIn: ['Group.ReadWrite.All', 'Directory.ReadWrite.All'],
    usedBy: 'the "Add to security group" fix, "remove <person> from <environment>" and adding someone to a licensing group',
  },
  { permission: 'LicenseAssignment.ReadWrite.All', includedIn: ['User.ReadWrite.All', 'Directory.ReadWrite.All'], usedBy: 'assigning a licence directly ("licence for <person>")' },
];

/** Granted but never used by the bot (docs/deploy.md step 2 says not to grant them). */
const BROADER = ['Directory.Read.All', 'Directory.ReadWrite.All', 'Group.Read.All', 'Group.ReadWrite.All', 'User.ReadWrite.All', 'RoleManagement.ReadWrite.Directory'];

const titleOf = (permission: string) => `Graph permission ${permission}`;

export async function graphChecks(doctor: Pick<DoctorProbe, 'readGraph'>, token: TokenProbe, appId: string | null): Promise<DoctorCheck[]> {
  if (!token.ok) {
    const because = 'no Graph token (see Token for Microsoft Graph).';
    const first = 'Token for Microsoft Graph';
    return [
      ...GRAPH_READ_PERMISSIONS.map((p) => notChecked(`graph.${p.permission}`, titleOf(p.permission), because, first)),
      ...GRAPH_WRITE_PERMISSIONS.map((p) => notChecked(`graph.${p.permission}`, titleOf(p.permission), because, first)),
      notChecked('graph.broader', 'No broader Graph permissions', because, first),
    ];
  }
  const answers = await Promise.all(GRAPH_READ_PERMISSIONS.map((p) => doctor.readGraph(p.target)));
  return [
    ...GRAPH_READ_PERMISSIONS.map((p, i) => readPermissionCheck(p, answers[i] as ProbeAnswer, appId)),
    ...GRAPH_WRITE_PERMISSIONS.map((p) => writePermissionCheck(p, token.roles, appId)),
    broaderCheck(token.roles, appId),
  ];
}

function readPermissionCheck(spec: (typeof GRAPH_READ_PERMISSIONS)[number], answer: ProbeAnswer, appId: string | null): DoctorCheck {
  const id = `graph.${spec.permission}`;
  const title = titleOf(spec.permission);
  if (answer.ok) return passed(id, title, `Granted: ${spec.call} answered.`);
  if (answer.status === 403) {
    return {
      id,
      status: 'fail',
      title,
      detail: `Missing: ${spec.call} answered 403 ${answer.code || 'Forbidden'}. The bot needs it for ${spec.neededFor}.`,
      fix: grantGraphPermission(spec.permission, appId),
    };
  }
  return { id, status: 'warn', title, detail: `Could not check: ${spec.call} ${answered(answer)}.`, fix: 'Run doctor again in a minute.' };
}

function writePermissionCheck(spec: (typeof GRAPH_WRITE_PERMISSIONS)[number], roles: readonly string[], appId: string | null): DoctorCheck {
  const id = `graph.${spec.permission}`;
  const title = titleOf(spec.permission);
  const held = [spec.permission, ...spec.includedIn].find((p) => roles.includes(p));
  if (held) return passed(id, title, `Granted (from the token's roles${held === spec.permission ? '' : `: ${held}`}): ${spec.usedBy} can make their changes.`);
  return {
    id,
    status: 'warn',
    title,
    detail: `Not granted (from the token's roles): ${spec.usedBy} will be refused. Only those changes need it.`,
    fix: grantGraphPermission(spec.permission, appId),
  };
}

function broaderCheck(roles: readonly string[], appId: string | null): DoctorCheck {
  const extra = BROADER.filter((p) => roles.includes(p));
  const title = 'No broader Graph permissions';
  if (extra.length === 0) return passed('graph.broader', title, "None: the token's roles hold no directory-wide permission the bot does not use.");
  return { id: 'graph.broader', status: 'warn', title, detail: `The token's roles also hold ${extra.join(', ')}, which the bot does not use.`, fix: removeGraphPermissions(extra, appId) };
}

/** "answered HTTP 503 (serviceNotAvailable)" or "got no answer (timeout)" */
export function answered(answer: Extract<ProbeAnswer, { ok: false }>): string {
  if (answer.status === 0) return `got no answer (${answer.code})`;
  return `answered HTTP ${answer.status}${answer.code ? ` (${answer.code})` : ''}`;
}

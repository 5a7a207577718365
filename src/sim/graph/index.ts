import type { SimContext, SimRequest, SimResponse } from '../types';
import { assignGroupLicense, assignUserLicense } from './assign-license';
import { batch } from './batch';
import { checkMemberGroups } from './check-member-groups';
import { deletedItemsWithoutCast, getDeletedItem, listDeletedUsers } from './deleted-items';
import type { GraphContext } from './context';
import { groupsDelta } from './delta';
import { getDirectoryRole, listDirectoryRoles, listRoleMembers } from './directory-roles';
import { badRequest, methodNotAllowed, segmentNotFound } from './errors';
import { getGroup, listGroups } from './groups';
import { listMemberOf } from './member-of';
import { addMemberRef, isMemberCast, listMembers, type MemberRelation, removeMemberRef } from './members';
import { refuseWithoutPermission } from './permissions';
import { appIdSegment, getServicePrincipal, listServicePrincipals, servicePrincipalKey } from './service-principals';
import { listSubscribedSkus } from './subscribed-skus';
import { getUser, licenseDetails, listUsers } from './users';

type Params = string[];
interface Route {
  method: string;
  pattern: string[];
  run(req: SimRequest, ctx: GraphContext, p: Params): SimResponse | Promise<SimResponse>;
}

const roleKey = (raw: string): { id?: string; templateId?: string } => (raw.startsWith('roleTemplateId=') ? { templateId: raw.slice('roleTemplateId='.length) } : { id: raw });
const relation = (name: string): MemberRelation => (name.toLowerCase() === 'transitivemembers' ? 'transitiveMembers' : (name.toLowerCase() as MemberRelation));

const ROUTES: Route[] = [
  { method: 'POST', pattern: ['$batch'], run: (req, ctx) => batch(req, ctx) },
  { method: 'GET', pattern: ['users'], run: (req, ctx) => listUsers(req, ctx) },
  { method: 'GET', pattern: ['users', ':id'], run: (req, ctx, [id]) => getUser(req, ctx, id as string) },
  { method: 'GET', pattern: ['users', ':id', 'memberOf'], run: (req, ctx, [id]) => listMemberOf(req, ctx, id as string, false) },
  { method: 'GET', pattern: ['users', ':id', 'transitiveMemberOf'], run: (req, ctx, [id]) => listMemberOf(req, ctx, id as string, true) },
  { method: 'GET', pattern: ['users', ':id', 'licenseDetails'], run: (req) => licenseDetails(req) },
  { method: 'POST', pattern: ['users', ':id', 'checkMemberGroups'], run: (req, ctx, [id]) => checkMemberGroups(req, ctx, id as string) },
  { method: 'POST', pattern: ['users', ':id', 'assignLicense'], run: (req, ctx, [id]) => assignUserLicense(req, ctx, id as string) },
  { method: 'GET', pattern: ['groups'], run: (req, ctx) => listGroups(req, ctx) },
  { method: 'GET', pattern: ['groups', 'delta'], run: (req, ctx) => groupsDelta(req, ctx) },
  { method: 'GET', pattern: ['groups', ':id'], run: (req, ctx, [id]) => getGroup(req, ctx, id as string) },
  { method: 'POST', pattern: ['groups', ':id', 'assignLicense'], run: (req, ctx, [id]) => assignGroupLicense(req, ctx, id as string) },
  { method: 'POST', pattern: ['groups', ':id', 'members', '$ref'], run: (req, ctx, [id]) => addMemberRef(req, ctx, id as string) },
  { method: 'DELETE', pattern: ['groups', ':id', 'members', ':id', '$ref'], run: (req, ctx, [id, member]) => removeMemberRef(req, ctx, id as string, member as string) },
  ...['members', 'transitiveMembers', 'owners'].flatMap((rel): Route[] => [
    { method: 'GET', pattern: ['groups', ':id', rel], run: (req, ctx, [id]) => listMembers(req, ctx, id as string, relation(rel)) },
    {
      method: 'GET',
      pattern: ['groups', ':id', rel, ':cast'],
      run: (req, ctx, [id, cast]) => (isMemberCast(cast as string) ? listMembers(req, ctx, id as string, relation(rel), cast as 'microsoft.graph.user') : segmentNotFound(req, cast as string)),
    },
  ]),
  { method: 'GET', pattern: ['directoryRoles'], run: (req, ctx) => listDirectoryRoles(req, ctx) },
  { method: 'GET', pattern: ['directoryRoles', ':id'], run: (req, ctx, [id]) => getDirectoryRole(req, ctx, roleKey(id as string)) },
  { method: 'GET', pattern: ['directoryRoles', ':id', 'members'], run: (req, ctx, [id]) => listRoleMembers(req, ctx, roleKey(id as string)) },
  { method: 'GET', pattern: ['subscribedSkus'], run: (req, ctx) => listSubscribedSkus(req, ctx) },
  { method: 'GET', pattern: ['directory', 'deletedItems'], run: (req) => deletedItemsWithoutCast(req) },
  { method: 'GET', pattern: ['directory', 'deletedItems', 'microsoft.graph.user'], run: (req, ctx) => listDeletedUsers(req, ctx) },
  { method: 'GET', pattern: ['directory', 'deletedItems', ':id'], run: (req, ctx, [id]) => getDeletedItem(req, ctx, id as string) },
  { method: 'GET', pattern: ['servicePrincipals'], run: (req, ctx) => listServicePrincipals(req, ctx) },
  { method: 'GET', pattern: ['servicePrincipals', ':id'], run: (req, ctx, [key]) => getServicePrincipal(req, ctx, servicePrincipalKey(key as string)) },
];

/** Graph v1.0 surface. `req.path` is below /graph, e.g. `/v1.0/users/{id}`. */
export function handleGraph(req: SimRequest, ctx: GraphContext): SimResponse | Promise<SimResponse> {
  const segments = splitPath(req.path);
  if (segments === undefined) return badRequest(req, `Invalid request path '${req.path}'.`);
  const [version, ...rest] = segments;
  if (version !== 'v1.0') return badRequest(req, `Invalid version: ${version ?? ''}`);
  if (rest.length === 0) return segmentNotFound(req, 'v1.0');
  const matches = ROUTES.map((r) => ({ route: r, params: match(r.pattern, rest) })).filter((m) => m.params !== undefined);
  const hit = matches.find((m) => m.route.method === req.method) ?? undefined;
  if (hit) return refuseWithoutPermission(req, hit.route.method, hit.route.pattern) ?? hit.route.run(req, ctx, hit.params as Params);
  if (matches.length > 0) return methodNotAllowed(req);
  return segmentNotFound(req, firstUnknownSegment(rest));
}

export type { GraphContext } from './context';
export type GraphHandler = (req: SimRequest, ctx: SimContext) => SimResponse | Promise<SimResponse>;

/** Path segments, decoded, with `directoryRoles(roleTemplateId='x')` and `servicePrincipals(appId='x')` turned into two segments. */
function splitPath(path: string): string[] | undefined {
  try {
    const out: string[] = [];
    for (const raw of path.split('/').filter((s) => s !== '')) {
      const segment = decodeURIComponent(raw);
      const keyed = /^directoryRoles\(roleTemplateId='([^']*)'\)$/i.exec(segment);
      const byAppId = /^servicePrincipals\(appId='([^']*)'\)$/i.exec(segment);
      if (keyed) out.push('directoryRoles', `roleTemplateId=${keyed[1]}`);
      else if (byAppId) out.push('servicePrincipals', appIdSegment(byAppId[1] as string));
      else out.push(segment);
    }
    return out;
  } catch {
    return undefined;
  }
}

function match(pattern: string[], segments: string[]): Params | undefined {
  if (pattern.length !== segments.length) return undefined;
  const params: Params = [];
  for (let i = 0; i < pattern.length; i += 1) {
    const p = pattern[i] as string;
    const s = segments[i] as string;
    if (p.startsWith(':')) {
      if (s.startsWith('$')) return undefined;
      params.push(s);
    } else if (p.toLowerCase() !== s.toLowerCase()) return undefined;
  }
  return params;
}

function firstUnknownSegment(segments: string[]): string {
  for (let n = segments.length; n > 0; n -= 1) {
    const prefix = segments.slice(0, n);
    const known = ROUTES.some((r) => r.pattern.length >= n && match(r.pattern.slice(0, n), prefix) !== undefined);
    if (known) return segments[n] ?? segments[n - 1] ?? '';
  }
  return segments[0] ?? '';
}

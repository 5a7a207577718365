/**
 * A call's operation as a route template, e.g. `users/{id}/memberOf`, `environments/{id}/addUser`,
 * `systemusers`: the path after the API root (`/v1.0`, `/v9.2`, `/scopes/admin`), query dropped.
 * Only words of the APIs' own vocabulary are kept; every other segment (ids, UPNs, names, keys)
 * becomes `{id}` or `name({key})`, so the template never carries personal data whatever the URL.
 */
const VOCABULARY = new Set([
  // Microsoft Graph
  'users', 'groups', 'memberOf', 'transitiveMemberOf', 'members', 'transitiveMembers', 'owners', '$ref', 'delta', '$batch',
  'directoryRoles', 'directoryObjects', 'subscribedSkus', 'licenseDetails', 'organization', 'servicePrincipals',
  'appRoleAssignments', 'directory', 'deletedItems', 'microsoft.graph.user', 'microsoft.graph.group', 'assignLicense', 'restore',
  // Power Platform admin (BAP)
  'environments', 'addUser', 'providers', 'Microsoft.BusinessAppPlatform', 'Microsoft.PowerApps', 'apps', 'permissions',
  // Dataverse Web API
  'systemusers', 'teams', 'roles', 'businessunits', 'WhoAmI', 'RetrieveVersion', 'teammembership_association',
  'systemuserroles_association', 'teamroles_association', 'appmodules', 'organizations', '$metadata', 'EntityDefinitions',
]);

/** The segment that ends an API's root: Graph and Dataverse versions, BAP's admin scope. */
const ROOT = /^(v\d+(\.\d+)?|beta|admin)$/i;

function templateOf(segment: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    return '{id}';
  }
  if (VOCABULARY.has(decoded)) return decoded;
  const keyed = /^([^()]+)\(.*\)$/.exec(decoded);
  if (keyed && VOCABULARY.has(keyed[1] as string)) return `${keyed[1] as string}({key})`;
  return '{id}';
}

// A sync job sends the same addUser URL for every member: the last answer is kept.
let last = { url: '', operation: '' };

export function operationOf(url: string): string {
  if (url !== last.url) last = { url, operation: templateOfUrl(url) };
  return last.operation;
}

function templateOfUrl(url: string): string {
  let path: string;
  try {
    path = new URL(url, 'http://relative.invalid').pathname;
  } catch {
    return 'unknown';
  }
  const segments = path.split('/').filter((s) => s !== '');
  let root = segments.length - 1;
  while (root >= 0 && !ROOT.test(segments[root] as string)) root -= 1;
  const rest = segments.slice(root + 1);
  return rest.length === 0 ? '/' : rest.map(templateOf).join('/');
}

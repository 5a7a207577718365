/**
 * The seed's PowerShell force-sync loop (/work/shared/seeds/000_*.txt) re-implemented request for
 * request with plain fetch, as the baseline the bot is compared with:
 *
 *   Connect-MgGraph; Add-PowerAppsAccount                    → one token per API
 *   $groupMembers = Get-MgGroupMember -GroupId $groupid      → GET /groups/{id}/members (default page size)
 *   foreach ($m in $groupMembers) { Get-MgUser -UserId $m.Id } → one GET /users/{id} per member
 *   foreach ($m in $details) { Add-AdminPowerAppsSyncUser … } → one POST …/addUser after another
 *
 * One liberty: the seed calls Get-MgGroupMember without -All, which returns only the first page
 * (100 members); the loop here follows @odata.nextLink (as -All does) so that every member is
 * synced and the two runs do the same work. Nothing is retried, as in the seed.
 */

export interface SeedLoopTarget {
  /** Simulator origin, e.g. http://127.0.0.1:4010 (Graph at /graph, BAP at /bap, tokens at /{tenant}/oauth2/v2.0/token). */
  origin: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  groupId: string;
  environmentId: string;
  bapApiVersion: string;
}

export interface SeedLoopResult {
  wallMs: number;
  members: number;
  succeeded: number;
  failed: number;
  graphRequests: number;
  bapRequests: number;
}

export async function runSeedLoop(target: SeedLoopTarget): Promise<SeedLoopResult> {
  const started = performance.now();
  const counts = { graph: 0, bap: 0 };
  const graphToken = await token(target, 'https://graph.microsoft.com/.default');
  const bapToken = await token(target, 'https://service.powerapps.com/.default');
  const graphGet = async (url: string): Promise<Record<string, unknown>> => {
    counts.graph += 1;
    const response = await fetch(url, { headers: { authorization: `Bearer ${graphToken}` } });
    if (!response.ok) throw new Error(`GET ${url} → ${response.status}: ${await response.text()}`);
    return (await response.json()) as Record<string, unknown>;
  };

  const memberIds: string[] = [];
  for (let url: string | undefined = `${target.origin}/graph/v1.0/groups/${target.groupId}/members`; url; ) {
    const page = await graphGet(url);
    for (const member of page.value as { id: string }[]) memberIds.push(member.id);
    url = page['@odata.nextLink'] as string | undefined;
  }
  const details: { id: string; displayName: string }[] = [];
  for (const id of memberIds) {
    const user = await graphGet(`${target.origin}/graph/v1.0/users/${id}`);
    details.push({ id: String(user.id), displayName: String(user.displayName) });
  }

  let succeeded = 0;
  const addUrl = `${target.origin}/bap/providers/Microsoft.BusinessAppPlatform/scopes/admin/environments/${target.environmentId}/addUser?api-version=${target.bapApiVersion}`;
  for (const member of details) {
    counts.bap += 1;
    const response = await fetch(addUrl, {
      method: 'POST',
      headers: { authorization: `Bearer ${bapToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ObjectId: member.id }),
    });
    await response.arrayBuffer();
    if (response.ok) succeeded += 1;
  }
  return { wallMs: performance.now() - started, members: details.length, succeeded, failed: details.length - succeeded, graphRequests: counts.graph, bapRequests: counts.bap };
}

async function token(target: SeedLoopTarget, scope: string): Promise<string> {
  const response = await fetch(`${target.origin}/${target.tenantId}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: target.clientId, client_secret: target.clientSecret, scope }).toString(),
  });
  const body = (await response.json()) as { access_token?: string; error_description?: string };
  if (!response.ok || !body.access_token) throw new Error(`token for ${scope} → ${response.status}: ${body.error_description ?? ''}`);
  return body.access_token;
}

import { resolveEnvironment } from '../../src/domain/resolve';
import type { Environment } from '../../src/gateways/types';
import { environment } from './access-fixtures';

const env = (id: string, displayName: string, org: string | null): Environment =>
  environment({ id, displayName, dataverse: org ? { instanceUrl: `https://${org}.crm.dynamics.com/`, domainName: org, securityGroupId: null } : null });

const ENVS = [
  env('ceb11b53-d685-4c77-9a64-37b481898617', 'UAT', 'orguat'),
  env('337a36c5-f47f-4c2d-8233-4cd6386da0f2', 'UAT Finance', 'orguatfin'),
  env('667c2848-72a8-4a03-a959-694b017ae7fd', 'Contoso Production', 'orgprod'),
  env('6f58d8f5-a1e2-48b6-923a-9e58d1df8dcb', 'Finance Reporting', 'orgfinrep'),
  env('e2117cb3-8ac9-4a96-ad65-83fd199d9f40', 'Marketing Sites', null),
];

const name = (q: string) => {
  const r = resolveEnvironment(q, ENVS);
  if (r.kind === 'found') return r.value.displayName;
  if (r.kind === 'ambiguous') return `ambiguous: ${r.candidates.map((c) => c.displayName).join(', ')}`;
  return `not found: ${r.suggestions.map((c) => c.displayName).join(', ')}`;
};

describe('resolveEnvironment', () => {
  it.each([
    ['UAT', 'UAT'],
    ['uat', 'UAT'],
    ['"UAT"', 'UAT'],
    ['UAT environment', 'UAT'],
    ['uat fin', 'UAT Finance'],
    ['Production', 'Contoso Production'],
    ['contoso', 'Contoso Production'],
    ['marketing', 'Marketing Sites'],
    ['finance', 'ambiguous: UAT Finance, Finance Reporting'],
    ['337a36c5-f47f-4c2d-8233-4cd6386da0f2', 'UAT Finance'],
    ['https://orgprod.crm.dynamics.com/', 'Contoso Production'],
    ['https://orgprod.crm.dynamics.com/main.aspx?appid=1', 'Contoso Production'],
    ['https://orgprod.crm.dynamics.com:443/main.aspx', 'Contoso Production'],
    // A URL resolves only on the environment's own instance host.
    ['https://admin.powerplatform.microsoft.com/environments/ceb11b53-d685-4c77-9a64-37b481898617/hub', 'not found: '],
    ['https://evil.example/ceb11b53-d685-4c77-9a64-37b481898617', 'not found: '],
    ['https://orgprod.crm.dynamics.com.evil.example/', 'not found: '],
    ['https://evil.example/orgprod.crm.dynamics.com/', 'not found: '],
    ['https://orgprod.crm.dynamics.com@evil.example/', 'not found: '],
    ['Prodution', 'not found: Contoso Production'],
    ["x' or 1 eq 1", 'not found: '],
  ])('%s → %s', (query, expected) => {
    expect(name(query)).toBe(expected);
  });
});

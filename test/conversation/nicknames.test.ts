import { resolveEnvironment } from '../../src/domain/resolve';
import { nicknameMatches } from '../../src/domain/resolve/environment-nicknames';
import type { Environment } from '../../src/gateways/types';
import { environment } from '../domain/access-fixtures';

const env = (displayName: string, sku: string, dataverse = true): Environment =>
  environment({ id: `${displayName}-id`, displayName, sku, dataverse: dataverse ? { instanceUrl: 'https://org.crm.dynamics.com/', domainName: 'org', securityGroupId: null } : null });

const ENVS = [
  env('UAT', 'Sandbox'),
  env('UAT Finance', 'Sandbox'),
  env('Contoso Production', 'Production'),
  env('Field Inspections', 'Production'),
  env('Finance Team', 'Teams'),
  env('Finance Reporting', 'Sandbox'),
  env('Alex Kim (dev)', 'Developer'),
];

const names = (list: readonly Environment[]) => list.map((e) => e.displayName);

describe('environment nicknames', () => {
  it.each([
    ['prod', ['Contoso Production', 'Field Inspections']],
    ['Prod', ['Contoso Production', 'Field Inspections']],
    ['the prod environment', ['Contoso Production', 'Field Inspections']],
    ['the finance sandbox', ['UAT Finance', 'Finance Reporting']],
    ['fin reporting', ['Finance Reporting']],
    ['financ reporting', ['Finance Reporting']],
    ['our dev env', ['Alex Kim (dev)']],
    ['live', ['Contoso Production', 'Field Inspections']],
    ['marketing', []],
  ])('"%s" may mean %j (name matches first, then the type)', (query, expected) => {
    expect(names(nicknameMatches(query, ENVS))).toEqual(expected);
  });

  it('a name that matches nothing suggests nicknames first, never picks one silently', () => {
    const result = resolveEnvironment('Prod', ENVS);
    expect(result.kind).toBe('not-found');
    expect(result.kind === 'not-found' && names(result.suggestions)).toEqual(['Contoso Production', 'Field Inspections']);
  });

  it('"uat env" is UAT itself', () => {
    const result = resolveEnvironment('uat env', ENVS);
    expect(result.kind === 'found' && result.value.displayName).toBe('UAT');
  });
});

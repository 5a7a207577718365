import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');
const read = (path: string) => readFileSync(resolve(ROOT, path), 'utf8');
const steps = (yml: string, stage: string) => {
  const block = new RegExp(`^${stage}:\\n([\\s\\S]*?)(?=^\\S|$(?![\\s\\S]))`, 'm').exec(yml)?.[1] ?? '';
  return [...block.matchAll(/^ {2}- uses: (\S+)/gm)].map((m) => m[1]);
};
const placeholders = (text: string) => [...text.matchAll(/\$\{\{\s*([A-Z0-9_]+)\s*\}\}/g)].map((m) => m[1]!);
const declared = (envFile: string) => [...read(envFile).matchAll(/^([A-Z0-9_]+)=/gm)].map((m) => m[1]!);

const PROVISION = [
  'teamsApp/create',
  'aadApp/create',
  'botFramework/create',
  'teamsApp/validateManifest',
  'teamsApp/zipAppPackage',
  'teamsApp/validateAppPackage',
  'teamsApp/update',
];

describe('Agents Toolkit project files', () => {
  it.each(['m365agents.yml', 'm365agents.local.yml', 'm365agents.playground.yml'])('%s uses the v1.11 schema', (file) => {
    const yml = read(file);
    expect(yml).toMatch(/^# yaml-language-server: \$schema=https:\/\/aka\.ms\/m365-agents-toolkits\/v1\.11\/yaml\.schema\.json$/m);
    expect(yml).toMatch(/^version: v1\.11$/m);
  });

  it.each(['m365agents.yml', 'm365agents.local.yml'])('%s provisions a single-tenant bot in the usual order', (file) => {
    const yml = read(file);
    expect(steps(yml, 'provision')).toEqual(PROVISION);
    expect(yml).toMatch(/signInAudience: AzureADMyOrg/);
    expect(yml).not.toMatch(/AzureADMultipleOrgs/);
  });

  it('m365agents.yml deploys to App Service and publishes to the org catalogue', () => {
    const yml = read('m365agents.yml');
    expect(steps(yml, 'deploy')).toContain('azureAppService/zipDeploy');
    expect(steps(yml, 'publish').at(-1)).toBe('teamsApp/publishAppPackage');
  });

  it.each([
    ['m365agents.yml', 'env/.env.dev', 'env/.env.dev.user.example'],
    ['m365agents.local.yml', 'env/.env.local', 'env/.env.local.user.example'],
    ['m365agents.playground.yml', 'env/.env.playground', 'env/.env.playground.user.example'],
  ])('every ${{VAR}} in %s and the manifest is declared in %s (secrets in the .user file)', (file, envFile, userFile) => {
    const known = new Set([...declared(envFile), ...declared(userFile)]);
    const used = [...placeholders(read(file)), ...(file === 'm365agents.playground.yml' ? [] : placeholders(read('appPackage/manifest.json')))];
    expect(used.filter((name) => !known.has(name))).toEqual([]);
    expect(declared(envFile).filter((name) => name.startsWith('SECRET_'))).toEqual([]);
  });
});

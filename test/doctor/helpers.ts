import { readFileSync } from 'node:fs';
import type { Deps } from '../../src/app/deps';
import { createTestBot, type TestBotOptions } from '../helpers/bot-harness';
import { doctorCliCommand } from '../../src/cli/doctor.command';
import type { DoctorCheck, DoctorReport } from '../../src/features/doctor/doctor-report';
import type { SimApp, SimEnvironment, SimSystemUser, TenantFixture } from '../../src/sim/model';
import { CONTOSO_FIXTURE_PATH } from '../../src/sim/server';

export const DEMO_APP_ID = '8f4c2b7e-1d3a-4e5f-9a6b-0c7d8e9f1a2b';

/** The Contoso demo tenant, changed for one test (an app without a permission, a user without a role, …). */
export function contoso(change: (fixture: TenantFixture) => void = () => undefined): TenantFixture {
  const fixture = JSON.parse(readFileSync(CONTOSO_FIXTURE_PATH, 'utf8')) as TenantFixture;
  change(fixture);
  return fixture;
}

export function demoApp(fixture: TenantFixture): SimApp {
  const app = fixture.apps.find((a) => a.clientId === DEMO_APP_ID);
  if (!app) throw new Error('no demo app in the fixture');
  return app;
}

export function environmentNamed(fixture: TenantFixture, name: string): SimEnvironment {
  const environment = fixture.environments.find((e) => e.displayName === name);
  if (!environment) throw new Error(`no environment ${name}`);
  return environment;
}

/** The demo app's application user in an environment's Dataverse. */
export function appUserIn(environment: SimEnvironment): SimSystemUser {
  const row = environment.dataverse?.systemUsers.find((u) => u.applicationId === DEMO_APP_ID);
  if (!row) throw new Error(`no application user in ${environment.displayName}`);
  return row;
}

/** `npm run cli -- doctor --json` on the given app's deps: the exit code and the parsed report. */
export async function doctorJson(deps: Deps): Promise<{ code: number; report: DoctorReport }> {
  const out: string[] = [];
  const code = await doctorCliCommand.run(['--json'], deps, { out: (line) => void out.push(line), err: () => undefined });
  return { code, report: JSON.parse(out.join('\n')) as DoctorReport };
}

/** A test bot on the given tenant and settings, `doctor --json` on it, then closed. */
export async function doctorOn(options: TestBotOptions): Promise<{ code: number; report: DoctorReport }> {
  const bot = await createTestBot(options);
  try {
    return await doctorJson(bot.deps);
  } finally {
    await bot.close();
  }
}

export function checkOf(report: DoctorReport, id: string): DoctorCheck {
  const check = report.checks.find((c) => c.id === id);
  if (!check) throw new Error(`no check ${id} in ${report.checks.map((c) => c.id).join(', ')}`);
  return check;
}

/** `id: status` of every check that did not pass, but the named ones (which the test looks at itself). */
export function notPassing(report: DoctorReport, ...ids: string[]): string[] {
  return report.checks.filter((c) => c.status !== 'pass' && !ids.includes(c.id)).map((c) => `${c.id}: ${c.status}`);
}

/** Gives the demo app an application user with a role in one more environment (Finance Reporting has none in Contoso). */
export function addAppUser(fixture: TenantFixture, environmentName: string, systemUserId = '0d0c7000-0000-4000-8000-00000000f1a2'): void {
  const dataverse = environmentNamed(fixture, environmentName).dataverse;
  const root = dataverse?.businessUnits.find((b) => b.parentId === null);
  const role = dataverse?.roles.find((r) => r.name === 'Basic User') ?? dataverse?.roles[0];
  if (!dataverse || !root || !role) throw new Error(`${environmentName} has no Dataverse to add an application user to`);
  dataverse.systemUsers.push({
    systemUserId,
    azureObjectId: null,
    domainName: `${DEMO_APP_ID}@contoso.onmicrosoft.com`,
    fullName: '# Dataverse Access Bot (demo)',
    isDisabled: false,
    accessMode: 4,
    isLicensed: false,
    applicationId: DEMO_APP_ID,
    businessUnitId: root.id,
    roleIds: [role.id],
  });
}

/** Contoso where the bot stands on solid ground everywhere: only the data source (simulated) is a warning. */
export const healthyContoso = (change: (fixture: TenantFixture) => void = () => undefined): TenantFixture =>
  contoso((fixture) => {
    addAppUser(fixture, 'Finance Reporting');
    change(fixture);
  });

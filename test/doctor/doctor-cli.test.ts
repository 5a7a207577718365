import { runCli } from '../../src/cli/index';
import type { DoctorReport } from '../../src/features/doctor/doctor-report';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l: string) => void out.push(l), err: (l: string) => void err.push(l) } };
}

const env = { STORE_PATH: ':memory:', LOG_LEVEL: 'silent' };

const CHECK_IDS = [
  'config', 'data-source', 'version', 'store', 'token.graph', 'token.bap', 'token.dataverse',
  'graph.User.Read.All', 'graph.GroupMember.Read.All', 'graph.LicenseAssignment.Read.All', 'graph.RoleManagement.Read.Directory', 'graph.Application.Read.All', 'graph.GroupMember.ReadWrite.All', 'graph.LicenseAssignment.ReadWrite.All', 'graph.broader',
  'group.admins', 'group.helpdesk', 'power-platform', 'dataverse',
];

describe('npm run cli -- doctor', () => {
  it('--json prints the report as data: status, version, dataSource and checks[{id, status, title, detail, fix}] in a fixed order; exit 1 on a failure', async () => {
    const { out, io } = capture();
    await expect(runCli(['doctor', '--json'], env, io)).resolves.toBe(1);
    const report = JSON.parse(out.join('\n')) as DoctorReport;
    expect(Object.keys(report)).toEqual(['status', 'version', 'dataSource', 'checks']);
    expect(report).toMatchObject({ status: 'fail', version: '0.1.0', dataSource: 'simulated' });
    expect(report.checks.map((c) => c.id)).toEqual(CHECK_IDS);
    for (const check of report.checks) {
      expect(Object.keys(check)).toEqual(['id', 'status', 'title', 'detail', 'fix']);
      expect({ id: check.id, hasFix: check.fix !== null }).toEqual({ id: check.id, hasFix: check.status !== 'pass' });
    }
    expect(report.checks.find((c) => c.id === 'dataverse')?.fix).toContain('pac admin assign-user --environment 6f58d8f5-a1e2-48b6-923a-9e58d1df8dcb');
  });

  it('without --json prints one line per check and each fix indented under it', async () => {
    const { out, io } = capture();
    await expect(runCli(['doctor'], env, io)).resolves.toBe(1);
    expect(out.filter((line) => /^(✅|⚠️|❌)/u.test(line))).toHaveLength(CHECK_IDS.length);
    expect(out).toContain('✅ Graph permission LicenseAssignment.Read.All: Granted: GET /subscribedSkus answered.');
    const failed = out.findIndex((line) => line.startsWith('❌ Dataverse application users:'));
    expect(out[failed + 2]).toBe('     pac admin assign-user --environment 6f58d8f5-a1e2-48b6-923a-9e58d1df8dcb --user 8f4c2b7e-1d3a-4e5f-9a6b-0c7d8e9f1a2b --role "Access Bot Reader" --application-user');
  });

  it('when the configuration is invalid, then --json still answers: the configuration check fails with every problem (the same validation as start-up)', async () => {
    const { out, io } = capture();
    await expect(runCli(['doctor', '--json'], { ...env, PORT: 'x', SYNC_MIN_CONCURRENCY: '9', SYNC_MAX_CONCURRENCY: '2' }, io)).resolves.toBe(1);
    const report = JSON.parse(out.join('\n')) as DoctorReport;
    expect(report).toMatchObject({ status: 'fail', dataSource: null });
    expect(report.checks.map((c) => c.id)).toEqual(['config', 'version']);
    expect(report.checks[0]).toMatchObject({ status: 'fail', title: 'Configuration', fix: expect.stringContaining('.env.example') });
    expect(report.checks[0]?.detail).toContain('- SYNC_MIN_CONCURRENCY (9) must not exceed SYNC_MAX_CONCURRENCY (2)');
    expect(report.checks[0]?.detail).toContain('- PORT must be a whole number from 0 to 65535, got "x"');
  });

  it('when an option is unknown, then it says which and exits 1', async () => {
    const { err, io } = capture();
    await expect(runCli(['doctor', '--yaml'], env, io)).resolves.toBe(1);
    expect(err.join('\n')).toContain('Unknown option --yaml. Usage: doctor [--json]');
  });
});

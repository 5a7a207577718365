import { runCli } from '../../src/cli/index';

/** `npm run cli -- diagnose … --json` for the subjects beyond live people: the `subject` field and the new check texts. */
const env = { STORE_PATH: ':memory:', LOG_LEVEL: 'silent' };
const DAY = 86_400_000;

interface Json {
  subject: Record<string, unknown> | null;
  user: string | null;
  verdict: string;
  checks: { id: string; status: string; detail: string; fix: string | null }[];
}

async function diagnose(...args: string[]): Promise<Json> {
  const out: string[] = [];
  const io = { out: (l: string) => void out.push(l), err: (l: string) => void out.push(l) };
  await expect(runCli(['diagnose', ...args, '--json'], env, io)).resolves.toBe(0);
  return JSON.parse(out.join('\n')) as Json;
}

const check = (json: Json, id: string) => json.checks.find((c) => c.id === id);

describe('npm run cli -- diagnose --json: who the diagnosis is about', () => {
  it('a deleted account: subject.kind deletedPerson with the deletion date and the last restore date (30 days later)', async () => {
    const json = await diagnose('Ben Carter', '--env', 'UAT');
    expect(json.subject).toMatchObject({ kind: 'deletedPerson', id: '8c6a2038-90f6-4fb8-9f31-271fe3b7b670', userPrincipalName: 'ben.carter@contoso.com', restorable: true });
    const deletedAt = Date.parse(String(json.subject?.deletedDateTime));
    expect(Date.parse(String(json.subject?.restorableUntil)) - deletedAt).toBe(30 * DAY);
    expect(json).toMatchObject({ user: null, verdict: 'blocked' });
    expect(check(json, 'entra-account')).toMatchObject({ status: 'fail' });
    expect(check(json, 'entra-account')?.detail).toContain('was deleted on');
    expect(check(json, 'dataverse-user')?.detail).toContain('disabled (azurestate 1');
  });

  it('an application: subject.kind application with its app id; licence "not needed", no person checks', async () => {
    const json = await diagnose('Integration Hub', '--env', 'UAT');
    expect(json.subject).toEqual({ kind: 'application', id: 'aa5a6149-eb89-4ab1-901a-94bb469211e5', appId: '3129154c-9103-464a-b3ce-5aa3ad527e10', displayName: 'Integration Hub' });
    expect(json).toMatchObject({ user: null, verdict: 'can-access' });
    expect(check(json, 'license')).toMatchObject({ status: 'info' });
    expect(check(json, 'license')?.detail).toMatch(/^Not needed for applications/);
    expect(check(json, 'entra-account')?.detail).toContain('is an application, not a person');
  });

  it('a person whose licence counts only through its app plan: subject.kind person, license warn naming DYN365_CDS_P2', async () => {
    const json = await diagnose('noah.fischer@contoso.com', '--env', 'UAT');
    expect(json.subject).toMatchObject({ kind: 'person', userPrincipalName: 'noah.fischer@contoso.com' });
    expect(check(json, 'license')).toMatchObject({ status: 'warn' });
    expect(check(json, 'license')?.detail).toContain('DYN365_CDS_P2 is turned off');
    expect(check(json, 'license')?.detail).toContain('Microsoft publishes no exact list');
  });
});

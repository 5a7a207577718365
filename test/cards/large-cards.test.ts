/**
 * The biggest cards the bot sends, built through the features' own view functions with worst-case
 * data (long names, every reason at once): each must stay a valid Teams card under 80 KB.
 */
import type { Diagnosis } from '../../src/domain/access/diagnosis';
import { AUDIT_CARD_ENTRIES } from '../../src/features/audit/audit.command';
import { auditCard } from '../../src/features/audit/audit.card';
import { matrixCard } from '../../src/features/diagnose/matrix.card';
import { environmentsCard } from '../../src/features/environments/environments.card';
import type { EnvironmentRow } from '../../src/features/environments/list-environments';
import { historyCard } from '../../src/features/history/history.card';
import { HISTORY_SIZE } from '../../src/features/history/history.command';
import { NAMES_PER_REASON } from '../../src/features/sync/result-view';
import { MEMBERS_PER_PAGE, syncMembersCard } from '../../src/features/sync/sync-members.card';
import { syncPreviewCard } from '../../src/features/sync/sync-preview.card';
import { syncResultCard } from '../../src/features/sync/sync-result.card';
import type { DirectoryUser, Environment } from '../../src/gateways/types';
import type { MemberRow, SyncJob } from '../../src/jobs/job-types';
import type { ReasonGroup } from '../../src/jobs/member-store';
import type { AuditEntry } from '../../src/security/audit-log';
import { cardPayloadBytes, cardText, expectValidCard, MAX_CARD_BYTES } from '../helpers/card-check';

const longName = (i: number) => `Alexandria Konstantinopoulou-Vanderberg ${i} (Contractor, Finance EMEA)`;
const longEnv = (i: number) => `Contoso Finance Operations Regional Sandbox ${i}`;
const T0 = Date.UTC(2026, 10, 22, 6, 0);

function syncJob(totals: SyncJob['totals'], overrides: Partial<SyncJob> = {}): SyncJob {
  return {
    id: '7K2Q9XJ4',
    kind: 'group',
    requestedBy: { aadObjectId: '0c1d2e3f-0000-4000-8000-000000000001', name: 'Priya Natarajan (Power Platform Admin)' },
    conversationKey: 'conv-1',
    card: null,
    environment: { id: '337a36c5-f47f-4c2d-8233-4cd6386da0f2', displayName: longEnv(1), instanceUrl: 'https://contosouatfin.crm.dynamics.com/' },
    target: 'All Finance Department Contractors and Temporary Staff EMEA (group)',
    options: { includeNested: true },
    state: 'done',
    error: null,
    createdAt: T0,
    startedAt: T0 + 5_000,
    finishedAt: T0 + 38 * 60_000,
    totals,
    ...overrides,
  };
}

/** Every failure reason the sync can report, each with the maximum names shown. */
const REASONS = ['userNotPartOfSecurityGroup', 'userNotLicensed', 'userNotFoundInAAD', 'userDisabledInAAD', 'userDeleted', 'instanceUrlNotFound', 'environmentDisabled', 'serviceUnavailable', 'throttled', 'somethingNew'];
const groups = (reasons: string[], each: number): ReasonGroup[] =>
  reasons.map((reason, r) => ({
    reason,
    count: each,
    names: Array.from({ length: Math.min(each, NAMES_PER_REASON) }, (_, i) => longName(r * 100 + i)),
    detail: `User ${r} is not part of security group 00000000-0000-4000-8000-00000000000${r}`,
  }));

function expectFits(card: Parameters<typeof expectValidCard>[0]): void {
  expectValidCard(card);
  expect(cardPayloadBytes(card)).toBeLessThan(MAX_CARD_BYTES);
}

describe('the largest cards stay valid and under 80 KB', () => {
  it('sync result for a 2,000-member group with every failure reason', () => {
    const failures = groups(REASONS, 25);
    const skipped = groups(['license', 'security-group', 'entra-account', 'environment'], 50);
    const job = syncJob({ members: 2000, synced: 1550, failed: 250, skipped: 200, pending: 0, visible: 1500 });
    const card = syncResultCard({ job, failures, skipped, retryable: 25 });
    expectFits(card);
    const text = cardText(card);
    expect(text).toContain('1550 (1500 confirmed in Dataverse)');
    expect(text).toContain(`${longName(4)} and 20 more`);
  });

  it('sync preview for a 2,000-member group with every blocking reason and many nested groups', () => {
    const nestedGroups = { names: Array.from({ length: 5 }, (_, i) => `Finance Nested Distribution Group ${i}`), total: 40 };
    const job = syncJob({ members: 2000, synced: 0, failed: 0, skipped: 0, pending: 2000, visible: 0 }, { state: 'preview', startedAt: null, finishedAt: null, options: { includeNested: true, nestedGroups } });
    const blocked = groups(['license', 'security-group', 'entra-account', 'environment'], 150);
    const fixes = [{ reason: 'security-group', title: 'Add 150 people to Finance Contractors EMEA Access', verb: 'sync.add-to-group', data: { jobId: job.id, confirmationId: 'c0ffee00-0000-4000-8000-000000000001' } }];
    const card = syncPreviewCard({ job, ready: 1400, blocked, fixes, confirmationId: 'c0ffee00-0000-4000-8000-000000000001' });
    expectFits(card);
    expect(cardText(card)).toContain('and 35 more');
  });

  it('a full page of the member list, every member failed', () => {
    const job = syncJob({ members: 2000, synced: 0, failed: 2000, skipped: 0, pending: 0, visible: 0 });
    const members: MemberRow[] = Array.from({ length: MEMBERS_PER_PAGE }, (_, i) => ({
      seq: 1000 + i, objectId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, userPrincipalName: `alexandria.konstantinopoulou-vanderberg.${i}@contoso.onmicrosoft.com`,
      displayName: longName(i), state: 'failed', reason: REASONS[i % REASONS.length]!, detail: 'detail', prediction: 'blocked', predictionReason: 'license', attempts: 6, visible: false,
    }));
    const card = syncMembersCard(job, members, 41);
    expectFits(card);
    expect(cardText(card)).toContain('page 41 of 80');
  });

  it('check <user> everywhere across 30 environments, each blocked with a long reason', () => {
    const user: DirectoryUser = {
      id: 'a1b2c3d4-0000-4000-8000-000000000001', displayName: longName(1), userPrincipalName: 'alexandria.k@contoso.com', mail: null,
      givenName: 'Alexandria', surname: 'Konstantinopoulou-Vanderberg', userType: 'Member', accountEnabled: true, assignedLicenses: [],
    };
    const rows = Array.from({ length: 30 }, (_, i) => {
      const environment: Environment = {
        id: `e0000000-0000-4000-8000-${String(i).padStart(12, '0')}`, displayName: longEnv(i), sku: 'Sandbox', isDefault: false, runtimeState: 'Enabled',
        dataverse: { instanceUrl: `https://org${i}.crm.dynamics.com/`, domainName: `org${i}`, securityGroupId: null }, appPassCapacity: 0,
      };
      const diagnosis: Diagnosis = {
        subject: { kind: 'person', id: user.id, displayName: user.displayName, userPrincipalName: user.userPrincipalName },
      user: { id: user.id, displayName: user.displayName, userPrincipalName: user.userPrincipalName },
        environment: { id: environment.id, displayName: environment.displayName },
        verdict: 'blocked',
        headline: 'Blocked',
        checks: [{
          id: 'security-group', status: 'fail', title: 'Security group',
          detail: `${user.displayName} is not a member of ${longEnv(i)} Access Security Group (Finance, Contractors and Temporary Staff), the security group of ${longEnv(i)}.`,
          fix: { text: 'Add them', action: 'add-to-security-group' },
        }],
        keyFacts: { licences: [], securityGroup: null, roles: [], accessMode: null },
      };
      return { environment, diagnosis };
    });
    const card = matrixCard({ kind: 'person', user }, rows);
    expectFits(card);
    expect(cardText(card)).toContain('can get into 0 of 30 environments');
  });

  it('environments list for a tenant with 60 environments', () => {
    const rows: EnvironmentRow[] = Array.from({ length: 60 }, (_, i) => ({
      id: `e${i}`, name: longEnv(i), type: 'Sandbox', isDefault: false, dataverse: true, instanceUrl: null,
      securityGroupId: 'g', securityGroup: `SG-PowerPlatform-Finance-Operations-${i}`, state: i % 7 === 0 ? 'AdminMode' : 'Enabled',
    }));
    expectFits(environmentsCard(rows, 'Contoso · 60 environments'));
  });

  it(`history of the last ${HISTORY_SIZE} jobs, all stopped with an error`, () => {
    const jobs = Array.from({ length: HISTORY_SIZE }, (_, i) =>
      syncJob({ members: 2000, synced: 10, failed: 1990, skipped: 0, pending: 0, visible: 10 }, {
        id: `JOB${i}`, state: 'failed', error: 'The Power Platform admin service kept answering 503 Service Unavailable for 10 minutes; the job stopped.',
      }));
    expectFits(historyCard(jobs));
  });

  it(`audit trail with ${AUDIT_CARD_ENTRIES} long entries`, () => {
    const entries: AuditEntry[] = Array.from({ length: AUDIT_CARD_ENTRIES }, (_, i) => ({
      id: i, at: T0 - i * 60_000, actorId: 'x', actorName: longName(i), kind: 'job', what: 'sync job 7K2Q9XJ4',
      summary: `All Finance Department Contractors and Temporary Staff EMEA → ${longEnv(i)}: 1550 synced, 250 failed, 200 skipped (userNotLicensed, userNotPartOfSecurityGroup)`,
      environment: longEnv(i), result: 'failed', code: 'sync.partial',
    }));
    expectFits(auditCard(entries, `Latest ${AUDIT_CARD_ENTRIES} entries, newest first`));
  });
});

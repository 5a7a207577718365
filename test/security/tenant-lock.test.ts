import { activityTenantIds, isOwnTenant } from '../../src/security/tenant-lock';

const OURS = 'c0de0000-0000-4000-8000-000000000001';
const THEIRS = 'bad00000-0000-4000-8000-000000000002';

describe('tenant lock', () => {
  it.each([
    ['conversation.tenantId only', { conversation: { tenantId: OURS } }, true],
    ['channelData.tenant.id only', { channelData: { tenant: { id: OURS } } }, true],
    ['both, same tenant, different case', { conversation: { tenantId: OURS.toUpperCase() }, channelData: { tenant: { id: OURS } } }, true],
    ['another tenant', { conversation: { tenantId: THEIRS } }, false],
    ['ours in conversation but another in channelData', { conversation: { tenantId: OURS }, channelData: { tenant: { id: THEIRS } } }, false],
    ['no tenant at all', { conversation: {} }, false],
    ['channelData of the wrong type', { channelData: 'tenant' }, false],
    ['tenant id of the wrong type', { channelData: { tenant: { id: 42 } } }, false],
    ['empty tenant id', { conversation: { tenantId: '' } }, false],
  ])('%s → served: %s', (_label, activity, served) => {
    expect(isOwnTenant(activity, OURS)).toBe(served);
  });

  it('reports every tenant id an activity claims', () => {
    expect(activityTenantIds({ conversation: { tenantId: OURS }, channelData: { tenant: { id: THEIRS } } })).toEqual([OURS, THEIRS]);
  });
});

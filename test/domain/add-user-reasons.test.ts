import { addUserReason, type AddUserReason } from '../../src/domain/access/add-user-reasons';
import type { CheckId } from '../../src/domain/access/diagnosis';
// Type only: the bot never imports the simulator, but every code it can emit must be explained here.
import type { AddUserFailureCode } from '../../src/sim/eligibility';

/** A new code in the simulator's union fails to compile here until it is given a reason. */
const SIMULATOR_CODES: Record<AddUserFailureCode | 'EnvironmentNotFound', { reason: AddUserReason; check: CheckId }> = {
  environmentNotFound: { reason: 'environment-not-found', check: 'environment' },
  EnvironmentNotFound: { reason: 'environment-not-found', check: 'environment' },
  instanceNotEnabled: { reason: 'environment-disabled', check: 'environment' },
  instanceNotFound: { reason: 'no-dataverse', check: 'environment' },
  userNotFoundInAAD: { reason: 'user-not-found', check: 'entra-account' },
  userDeletedInAAD: { reason: 'user-deleted', check: 'entra-account' },
  userDisabledInAAD: { reason: 'user-disabled', check: 'entra-account' },
  userNotEnvironmentCreator: { reason: 'not-environment-creator', check: 'environment' },
  userNotPartOfSecurityGroup: { reason: 'not-in-security-group', check: 'security-group' },
  userNotLicensed: { reason: 'not-licensed', check: 'license' },
};

describe('addUserReason', () => {
  it.each(Object.entries(SIMULATOR_CODES))('%s → %o, with a title and a fix in plain words', (code, expected) => {
    const text = addUserReason(code);
    expect({ reason: text.reason, check: text.check }).toEqual(expected);
    expect(text.title.length).toBeGreaterThan(5);
    expect(text.fix.length).toBeGreaterThan(10);
    expect(text.fix).not.toMatch(/run a diagnosis/i);
  });

  it('says "no Dataverse" for instanceNotFound, not that the environment is gone', () => {
    expect(addUserReason('instanceNotFound').title).toBe('The environment has no Dataverse database');
  });

  it('looks codes up regardless of case', () => {
    expect(addUserReason('USERNOTLICENSED').reason).toBe('not-licensed');
  });

  it.each([
    ['userNotInSecurityGroupV2', 'not-in-security-group'],
    ['userLicenseExpired', 'not-licensed'],
    ['instanceAdminModeOn', 'environment-disabled'],
  ])('falls back to a loose match for a code it has not seen: %s → %s', (code, reason) => {
    expect(addUserReason(code).reason).toBe(reason);
  });

  it('keeps an unexplained code unknown, tied to no check', () => {
    expect(addUserReason('somethingNew')).toMatchObject({ reason: 'unknown', check: null, title: 'Power Platform refused the sync' });
  });
});

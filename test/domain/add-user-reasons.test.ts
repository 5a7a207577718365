import { addUserReason } from '../../src/domain/access/add-user-reasons';

describe('addUserReason', () => {
  it.each([
    ['userNotPartOfSecurityGroup', 'not-in-security-group'],
    ['userNotLicensed', 'not-licensed'],
    ['userNotFoundInAAD', 'user-not-found'],
    ['userDisabledInAAD', 'user-disabled'],
    ['userDeletedInAAD', 'user-deleted'],
    ['instanceNotFound', 'environment-not-found'],
    ['environmentHasNoDataverse', 'no-dataverse'],
    ['environmentInAdminMode', 'environment-disabled'],
    ['somethingNew', 'unknown'],
  ])('%s → %s, with a title and a fix in plain words', (code, reason) => {
    const text = addUserReason(code);
    expect(text.reason).toBe(reason);
    expect(text.title.length).toBeGreaterThan(5);
    expect(text.fix.length).toBeGreaterThan(10);
  });
});

/**
 * Plain words for a BAP addUser rejection (inner `errors[0].Code`, microsoft-apis.md §1.3). Only
 * `userNotPartOfSecurityGroup` and `userNotLicensed` are documented codes; the others are the
 * simulated tenant's clearly invented ones (UNVERIFIED), matched loosely so a real code with the
 * same meaning is still explained.
 */
export type AddUserReason =
  | 'not-in-security-group'
  | 'not-licensed'
  | 'user-not-found'
  | 'user-disabled'
  | 'user-deleted'
  | 'no-dataverse'
  | 'environment-not-found'
  | 'environment-disabled'
  | 'unknown';

export interface AddUserReasonText {
  reason: AddUserReason;
  title: string;
  fix: string;
}

const TEXTS: Record<AddUserReason, Omit<AddUserReasonText, 'reason'>> = {
  'not-in-security-group': {
    title: "Not in the environment's security group",
    fix: 'Add the person to the security group directly (nested groups don\'t count), then sync again.',
  },
  'not-licensed': {
    title: 'No licence with Dataverse',
    fix: 'Assign Power Apps Premium or a Dynamics 365 licence (and make sure its Dataverse plan is turned on), then sync again.',
  },
  'user-not-found': { title: 'No such account in Entra ID', fix: 'Check that the account exists in this tenant.' },
  'user-disabled': { title: 'Sign-in is blocked in Entra ID', fix: 'Unblock sign-in in the Microsoft 365 admin center, then sync again.' },
  'user-deleted': { title: 'The account was deleted in Entra ID', fix: 'Restore the account (Users > Deleted users), then sync again.' },
  'no-dataverse': { title: 'The environment has no Dataverse database', fix: 'Nobody can be added here; pick an environment with Dataverse.' },
  'environment-not-found': { title: 'The environment no longer exists', fix: 'Pick another environment.' },
  'environment-disabled': {
    title: 'The environment is disabled or in administration mode',
    fix: 'Ask an admin to enable the environment or turn off administration mode.',
  },
  unknown: { title: 'Power Platform refused the sync', fix: 'Run a diagnosis for this person to see which requirement is missing.' },
};

const PATTERNS: [RegExp, AddUserReason][] = [
  [/securitygroup/i, 'not-in-security-group'],
  [/licen[cs]/i, 'not-licensed'],
  [/deleted/i, 'user-deleted'],
  [/user.*disabled|disabled.*(aad|entra)|accountdisabled/i, 'user-disabled'],
  [/user.*not.*found|notfoundin(aad|entra)/i, 'user-not-found'],
  [/dataverse|database|linkedenvironment|instanceurl/i, 'no-dataverse'],
  [/(environment|instance).*not.*found/i, 'environment-not-found'],
  [/(environment|instance).*(disabled|adminmode)/i, 'environment-disabled'],
];

export function addUserReason(code: string): AddUserReasonText {
  const reason = PATTERNS.find(([pattern]) => pattern.test(code))?.[1] ?? 'unknown';
  return { reason, ...TEXTS[reason] };
}

import type { CheckId } from './diagnosis';

/**
 * Plain words for a BAP addUser rejection (inner `errors[0].Code`, microsoft-apis.md §1.3). Only
 * `userNotPartOfSecurityGroup` and `userNotLicensed` are documented codes; the others are the
 * simulated tenant's clearly invented ones (UNVERIFIED). Known codes are looked up exactly; a code
 * nobody has seen yet is matched loosely, so a real code with the same meaning is still explained.
 */
export type AddUserReason =
  | 'not-in-security-group'
  | 'not-licensed'
  | 'user-not-found'
  | 'user-disabled'
  | 'user-deleted'
  | 'not-environment-creator'
  | 'no-dataverse'
  | 'environment-not-found'
  | 'environment-disabled'
  | 'unknown';

export interface AddUserReasonText {
  reason: AddUserReason;
  /** The access check that predicts this refusal; null when none does. */
  check: CheckId | null;
  title: string;
  fix: string;
}

/** The one wording for "this environment has no Dataverse" (the diagnosis names the environment). */
export function noDataverseFix(environment?: string): string {
  return `Nobody can be added to ${environment ?? 'an environment'} without Dataverse: use an environment with Dataverse, or add a Dataverse database to ${environment ?? 'it'} in the Power Platform admin center.`;
}

const TEXTS: Record<AddUserReason, Omit<AddUserReasonText, 'reason'>> = {
  'not-in-security-group': {
    check: 'security-group',
    title: "Not in the environment's security group",
    fix: "Add the person to the security group directly (nested groups don't count), then sync again.",
  },
  'not-licensed': {
    check: 'license',
    title: 'No licence with Dataverse',
    fix: 'Assign Power Apps Premium or a Dynamics 365 licence (and make sure its Dataverse plan is turned on), then sync again.',
  },
  'user-not-found': { check: 'entra-account', title: 'No such account in Entra ID', fix: 'Check that the account exists in this tenant.' },
  'user-disabled': { check: 'entra-account', title: 'Sign-in is blocked in Entra ID', fix: 'Unblock sign-in in the Microsoft 365 admin center, then sync again.' },
  'user-deleted': { check: 'entra-account', title: 'The account was deleted in Entra ID', fix: 'Restore the account (Users > Deleted users), then sync again.' },
  'not-environment-creator': {
    check: 'environment',
    title: 'A Developer environment takes only its creator',
    fix: 'Use a Sandbox or Production environment for this person instead.',
  },
  'no-dataverse': { check: 'environment', title: 'The environment has no Dataverse database', fix: noDataverseFix() },
  'environment-not-found': { check: 'environment', title: 'The environment no longer exists', fix: 'Pick another environment.' },
  'environment-disabled': {
    check: 'environment',
    title: 'The environment is disabled',
    fix: 'Ask an admin to enable the environment in the Power Platform admin center, then sync again.',
  },
  unknown: { check: null, title: 'Power Platform refused the sync', fix: 'Run a diagnosis for this person to see which requirement is missing.' },
};

/** Every inner code the simulated tenant emits, plus BAP's outer 404 code (lower-cased keys). */
const CODES: ReadonlyMap<string, AddUserReason> = new Map(
  Object.entries({
    userNotPartOfSecurityGroup: 'not-in-security-group',
    userNotLicensed: 'not-licensed',
    userNotFoundInAAD: 'user-not-found',
    userDisabledInAAD: 'user-disabled',
    userDeletedInAAD: 'user-deleted',
    userNotEnvironmentCreator: 'not-environment-creator',
    instanceNotFound: 'no-dataverse',
    instanceNotEnabled: 'environment-disabled',
    environmentNotFound: 'environment-not-found',
  } satisfies Record<string, AddUserReason>).map(([code, reason]) => [code.toLowerCase(), reason]),
);

/** Fallback for codes not in the table. */
const PATTERNS: [RegExp, AddUserReason][] = [
  [/securitygroup/i, 'not-in-security-group'],
  [/licen[cs]/i, 'not-licensed'],
  [/creator/i, 'not-environment-creator'],
  [/deleted/i, 'user-deleted'],
  [/user.*disabled|disabled.*(aad|entra)|accountdisabled/i, 'user-disabled'],
  [/user.*not.*found|notfoundin(aad|entra)/i, 'user-not-found'],
  [/dataverse|database|linkedenvironment|instanceurl/i, 'no-dataverse'],
  [/environment.*not.*found/i, 'environment-not-found'],
  [/(environment|instance).*(disabled|notenabled|adminmode)/i, 'environment-disabled'],
];

export function addUserReason(code: string): AddUserReasonText {
  const reason = CODES.get(code.toLowerCase()) ?? PATTERNS.find(([pattern]) => pattern.test(code))?.[1] ?? 'unknown';
  return { reason, ...TEXTS[reason] };
}

import { check, type EvalContext } from './context';
import type { AccessCheck } from './diagnosis';

const TITLE = 'Entra ID account';

/** microsoft-apis.md §1.4 rule 1: enabled, not deleted; guests allowed (with a licence from this tenant). */
export function checkAccount(ctx: EvalContext): AccessCheck {
  const { user } = ctx.facts;
  if (!user) {
    return check('entra-account', TITLE, 'fail', 'There is no account for this person in Entra ID (it may have been deleted).', {
      text: 'Check the spelling, or restore the account in the Microsoft 365 admin center (Users > Deleted users).',
    });
  }
  if (!user.accountEnabled) {
    return check(
      'entra-account',
      TITLE,
      'fail',
      `${user.displayName} (${user.userPrincipalName}) has sign-in blocked in Entra ID, so no environment will let ${ctx.who} in.`,
      { text: `Unblock sign-in for ${user.userPrincipalName} in the Microsoft 365 admin center, then sync again.` },
    );
  }
  if (user.userType === 'Guest') {
    return check(
      'entra-account',
      TITLE,
      'pass',
      `${user.displayName} has an enabled guest account, invited from another organisation.`,
    );
  }
  return check('entra-account', TITLE, 'pass', `${user.displayName} has an enabled member account.`);
}

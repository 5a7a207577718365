import { check, type EvalContext } from './context';
import type { AccessCheck } from './diagnosis';

const TITLE = 'Dataverse user';

/** Where an admin changes the access mode (seed 002, "To update the access mode of a user"). */
function userFormPath(ctx: EvalContext): string {
  return `Power Platform admin center > Environments > ${ctx.env} > Settings > Users + permissions > Users > ${ctx.facts.user?.displayName ?? 'the user'} > … > Manage user in Dynamics 365 > Administration > Client Access License (CAL) Information > Access Mode`;
}

/** Why the background sync would not add this person by itself (microsoft-apis.md §1.4 "not added by the background sync"). */
function onDemandOnly(ctx: EvalContext, licenceWarned: boolean): string | null {
  const { environment, securityGroup } = ctx.facts;
  if (environment.sku === 'Teams') return 'Dataverse for Teams adds people only on their first access';
  if (environment.sku === 'Trial') return 'trial environments add people only on demand';
  if (securityGroup?.owner && !securityGroup.directMember) return 'group owners are only added on demand';
  if (licenceWarned) return 'this licence counts only on demand';
  return null;
}

/**
 * Present in systemusers, or not yet (just-in-time provisioning); enabled or disabled and why; access
 * mode; application user. `othersHold`: no other check fails, so a sync would add or re-enable the user.
 */
export function checkDataverseUser(ctx: EvalContext, othersHold: boolean, licenceWarned: boolean): AccessCheck {
  const { facts } = ctx;
  if (!ctx.hasDataverse) return check('dataverse-user', TITLE, 'info', `Not applicable: ${ctx.env} has no Dataverse database, so nobody can be added.`);
  if (!facts.user) return check('dataverse-user', TITLE, 'info', 'Not checked: there is no account.');
  if (facts.systemUser === 'unknown') {
    return check('dataverse-user', TITLE, 'warn', `I couldn't read the users of ${ctx.env}, so I can't tell whether ${ctx.who} is there or which roles ${ctx.who} has.`, {
      text: `An admin can run "doctor" here (or npm run cli -- doctor): it checks the bot's application user in ${ctx.env} and every other environment, and names the fix.`,
    });
  }
  const syncFix = { text: `Sync ${ctx.who} to ${ctx.env} now.`, action: 'sync-user' as const };
  const row = ctx.row;
  if (!row) {
    const jit = `${ctx.who} isn't in ${ctx.env} yet. Dataverse adds people just in time: on their first sign-in to ${ctx.env}, or when an admin syncs them`;
    const reason = onDemandOnly(ctx, licenceWarned);
    const tail = reason ? ` (${reason}).` : '; the background sync may also add them later.';
    return check('dataverse-user', TITLE, 'info', `${jit}${tail}`, othersHold ? syncFix : { text: `Once the checks marked ❌ pass, sync ${ctx.who}.` });
  }
  if (row.applicationId) {
    return check('dataverse-user', TITLE, row.isDisabled ? 'fail' : 'pass', `This is an application user (app id ${row.applicationId}) in ${ctx.env}${row.isDisabled ? ', and it is disabled' : ''}.`);
  }
  if (row.isDisabled) {
    const deleted = row.azureState === 1 ? ' (deleted in Entra ID)' : row.azureState === 2 ? ' (not found in Entra ID)' : '';
    const reason = row.disabledReason ? ` Reason given by Dataverse: "${row.disabledReason}".` : '';
    if (othersHold) {
      return check('dataverse-user', TITLE, 'warn', `${ctx.who} is in ${ctx.env} but disabled${deleted}.${reason} Everything else holds now, so a sync re-enables ${ctx.who}.`, syncFix);
    }
    return check('dataverse-user', TITLE, 'fail', `${ctx.who} is in ${ctx.env} but disabled${deleted}.${reason}`, {
      text: `Fix the failing checks, then sync ${ctx.who} to re-enable the account.`,
    });
  }
  const base = `${ctx.who} is an enabled user in ${ctx.env}, with access mode ${row.accessMode}`;
  switch (row.accessMode) {
    case 'Read-Write':
      return check('dataverse-user', TITLE, 'pass', `${base}.`);
    case 'Administrative':
      return check('dataverse-user', TITLE, 'warn', `${base}: settings only, no apps or data.`, {
        text: `Assign a Power Apps Premium licence; the next sync normally switches ${ctx.who} to Read-Write. If it doesn't, set the access mode by hand: ${userFormPath(ctx)}.`,
      });
    case 'Read':
      return check('dataverse-user', TITLE, 'warn', `${base}: ${ctx.who} can look but not change anything.`, {
        text: `Set the access mode to Read-Write if ${ctx.who} needs to edit data: ${userFormPath(ctx)}.`,
      });
    case 'Non-interactive':
      return check('dataverse-user', TITLE, 'warn', `${base}: API access only, no signing in to apps.`, {
        text: `If a person signs in with this account, assign a licence and set the access mode to Read-Write: ${userFormPath(ctx)}.`,
      });
    default:
      return check('dataverse-user', TITLE, 'info', `${base}.`);
  }
}

import type { GraphWriteError } from '../../gateways/graph/write-errors';
import type { DataverseSku, LicenceFix } from './licence-options';

/** What the licence fixes and Graph's refusals say, in plain words with where to go (§12). */

const USERS_PAGE = 'Microsoft 365 admin center → Users → Active users';
const BUY_PAGE = 'Microsoft 365 admin center → Billing → Purchase services (or Billing → Your products to add licences to a subscription)';

/** A fix as a short key for a choice button: `group:<id>` or `direct:<skuId>`. */
export function fixKey(fix: LicenceFix): string {
  if (fix.kind === 'group') return `group:${fix.groupId}`;
  return `${fix.kind}:${fix.sku?.skuId ?? 'none'}`;
}

/** A button's title for a fix. */
export function fixTitle(fix: LicenceFix, who: string): string {
  switch (fix.kind) {
    case 'group':
      return `Add ${who} to ${fix.groupName} (${fix.sku.product})`;
    case 'direct':
      return `Assign ${fix.sku.product} directly (${fix.sku.free} free)`;
    case 'usage-location':
      return `Assign ${fix.sku.product} directly (needs a usage location)`;
    case 'buy':
      return `Buy more ${fix.sku?.product ?? 'Power Apps Premium'}`;
  }
}

export function usageLocationText(who: string, sku: DataverseSku): string {
  return (
    `${sku.product} has ${sku.free} unit${sku.free === 1 ? '' : 's'} free, but I can't assign one to ${who} directly: ${who} has no usage location, and Microsoft Graph refuses a licence without one. ` +
    `Set it in the ${USERS_PAGE} → ${who} → Account → Usage location, then ask again. A licensing group would work without one (Entra then uses the organisation's location).`
  );
}

export function buyText(sku: DataverseSku | null): string {
  if (!sku) return `This tenant has no licence that gives Dataverse access. Buy Power Apps Premium (or a Dynamics 365 licence): ${BUY_PAGE}.`;
  return `No licence with Dataverse access is free: every ${sku.product} unit is in use. Buy more ${sku.product} (${BUY_PAGE}), or take one back from someone who no longer needs it (${USERS_PAGE} → the person → Licenses and apps).`;
}

/**
 * Graph's refusal of an assignment (§12), in plain words with the fix. The texts for conflicting and dependent
 * plans are not documented (UNVERIFIED): they are recognised by their words and quoted otherwise.
 */
export function explainLicenceRefusal(error: GraphWriteError, who: string, product: string): string {
  const { status, code, message } = error.refusal;
  if (status === 403) return error.userMessage;
  const said = message.toLowerCase();
  if (said.includes('usage location')) {
    return `Microsoft Graph refused: ${who} has no usage location, and a licence can't be assigned without one. Set it in the ${USERS_PAGE} → ${who} → Account → Usage location, then try again (or add ${who} to a licensing group, which needs none).`;
  }
  if (said.includes('does not have any available licenses')) {
    return `Microsoft Graph refused: every ${product} licence is in use now. Buy more (${BUY_PAGE}) or take one back from someone who no longer needs it, then try again.`;
  }
  if (said.includes('inherited from a group')) return `Microsoft Graph refused: ${who} gets ${product} from a group, and a group's licence can only be removed by taking ${who} out of that group.`;
  if (said.includes('mutually exclusive') || said.includes('conflict')) {
    return `Microsoft Graph refused: ${product} conflicts with a licence ${who} already has ("${message}"). Remove the other licence first (${USERS_PAGE} → ${who} → Licenses and apps), then try again.`;
  }
  if (said.includes('depend')) return `Microsoft Graph refused: ${product} needs another licence first ("${message}"). Assign that one, then try again.`;
  return `Microsoft Graph refused the licence (HTTP ${status}${code ? `, ${code}` : ''}): ${message}`;
}

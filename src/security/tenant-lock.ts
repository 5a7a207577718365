/**
 * The tenant lock: the bot serves only people of the tenant it was configured for. Teams puts
 * the tenant in `conversation.tenantId` and `channelData.tenant.id`; every id present must be
 * ours, and at least one must be present.
 */
export interface TenantCarrier {
  conversation?: { tenantId?: string } | null;
  channelData?: unknown;
}

export const OTHER_TENANT_MESSAGE =
  "Sorry, I only work for the organisation that installed me, so I can't help with requests from your organisation.";

function channelDataTenant(channelData: unknown): string | undefined {
  if (typeof channelData !== 'object' || channelData === null) return undefined;
  const tenant = (channelData as { tenant?: unknown }).tenant;
  if (typeof tenant !== 'object' || tenant === null) return undefined;
  const id = (tenant as { id?: unknown }).id;
  return typeof id === 'string' ? id : undefined;
}

/** The tenant ids an activity claims (none, one or two). */
export function activityTenantIds(activity: TenantCarrier): string[] {
  const ids = [activity.conversation?.tenantId, channelDataTenant(activity.channelData)];
  return ids.filter((id): id is string => typeof id === 'string' && id.length > 0);
}

export function isOwnTenant(activity: TenantCarrier, tenantId: string): boolean {
  const ids = activityTenantIds(activity);
  const own = tenantId.toLowerCase();
  return ids.length > 0 && ids.every((id) => id.toLowerCase() === own);
}

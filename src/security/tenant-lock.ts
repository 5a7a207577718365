/**
 * The tenant lock: the bot serves only people of the tenant it was configured for. Teams puts
 * the tenant in `conversation.tenantId` and `channelData.tenant.id`; every id present must be
 * ours, and at least one must be present.
 */
import type { Logger } from 'pino';
import type { Deps } from '../app/deps';
import { AppError } from '../errors';
import { recordRefusal } from './guard';

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

export interface IncomingActivity extends TenantCarrier {
  type?: string;
  from?: { aadObjectId?: string; name?: string } | null;
  conversation?: { id?: string; tenantId?: string } | null;
}

/** How the bot layer answers: serve it, or refuse with a message, an invoke response, or nothing (events). */
export type TenantDecision = 'serve' | 'refuse-message' | 'refuse-invoke' | 'refuse-silently';

/**
 * The tenant lock at the door: activities of our tenant are served; any other gets one log line,
 * one audit row and (for messages and card clicks) one polite sentence. Nothing else runs: no
 * handler, no Microsoft call, and the conversation is not remembered.
 */
export async function checkTenant(activity: IncomingActivity, deps: Deps, log: Logger): Promise<TenantDecision> {
  if (isOwnTenant(activity, deps.config.tenantId)) return 'serve';
  const tenantIds = activityTenantIds(activity);
  log.warn({ tenantIds, activityType: activity.type }, 'activity from another tenant refused');
  const caller = { aadObjectId: activity.from?.aadObjectId, name: activity.from?.name ?? 'someone' };
  const summary = `${activity.type ?? 'activity'} from tenant ${tenantIds.join(' / ') || '(none)'}`;
  await recordRefusal(deps, { caller, conversationKey: activity.conversation?.id ?? '' }, 'tenant', summary, new AppError('auth.tenant', OTHER_TENANT_MESSAGE));
  if (activity.type === 'message') return 'refuse-message';
  if (activity.type === 'invoke') return 'refuse-invoke';
  return 'refuse-silently';
}

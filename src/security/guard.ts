import type { Authorize } from '../app/router';
/**
 * The one place the router asks "may this person run this, now?" and writes the audit trail:
 * `guarded(turn, route, deps, authorize, run)` authorises the caller (the clicking user for card actions),
 * applies the per-caller limit to expensive routes, runs the handler and records the outcome
 * (ok, refused or failed with its code). Refusals and failures are rethrown unchanged for the
 * router's error funnel.
 */
import type { Access } from '../app/routes';
import type { Deps } from '../app/deps';
import type { Turn } from '../app/turn';
import { AppError, toAppError } from '../errors';
import { createAuditLog, type AuditKind, type AuditLog } from './audit-log';
import { createRateLimiter, rateLimitError, type RateLimiter, type RateLimitSettings } from './rate-limit';
import { configuredSecrets, createScrubber, registerSecrets } from './redact';
import { storedBuckets } from '../store/rate-buckets';
import { tenantCache } from '../gateways/tenant-cache';
import { isEnvironmentId } from '../ids';
import { takeRefusal } from './refusals';
import { authorizeCaller, createRoleResolver, type RoleResolver } from './roles';

export interface GuardedRoute {
  kind: 'command' | 'action';
  /** TextCommand.name or CardAction.verb. */
  name: string;
  access: Access;
  /** The route says it calls Microsoft for many people (TextCommand/CardAction `expensive`). */
  expensive: boolean;
  /** Parsed params (used to find the environment for the audit trail). */
  params?: unknown;
  /** What the person sent: the message text, or the card data. */
  input: string | Record<string, unknown>;
}

export interface SecurityLimits {
  readonly roleCacheSeconds: number;
  readonly expensive: RateLimitSettings;
}

export interface Security {
  readonly roles: RoleResolver;
  readonly limiter: RateLimiter;
  readonly audit: AuditLog;
}

/** Used when a Config built by hand (tests, tools) has no `limits`; loadConfig always sets them. */
export const DEFAULT_LIMITS: SecurityLimits = { roleCacheSeconds: 60, expensive: { burst: 10, perMinute: 10 } };

const instances = new WeakMap<Deps, Security>();

/** The security state (role cache, buckets, audit log) of one running app, created on first use. */
export function securityFor(deps: Deps): Security {
  const existing = instances.get(deps);
  if (existing) return existing;
  const { config } = deps;
  // In simulated mode the credential is only known once composeApp has joined the simulator.
  registerSecrets(configuredSecrets(config));
  const limits = config.limits ?? DEFAULT_LIMITS;
  const now = () => deps.now();
  const security: Security = {
    roles: createRoleResolver(deps.graph, { ...config.roles, cacheSeconds: limits.roleCacheSeconds }, now),
    limiter: createRateLimiter(limits.expensive, now, storedBuckets(deps.db)),
    audit: createAuditLog(deps.db, { now, scrub: createScrubber(configuredSecrets(config)) }),
  };
  instances.set(deps, security);
  return security;
}

const asksEverywhere = (value: unknown): boolean => typeof value === 'object' && value !== null && (value as { everywhere?: unknown }).everywhere === true;

/** Rate-limited: routes marked expensive, and any check of every environment. */
export function isExpensive(route: Pick<GuardedRoute, 'expensive' | 'params' | 'input'>): boolean {
  return route.expensive || asksEverywhere(route.params) || asksEverywhere(route.input);
}

const ENVIRONMENT_KEYS = ['environment', 'environmentName', 'environmentId', 'env', 'envId'];

/** The environment a request is about, when its params or data name one. */
export function environmentOf(...sources: unknown[]): string | null {
  for (const source of sources) {
    if (typeof source !== 'object' || source === null) continue;
    for (const key of ENVIRONMENT_KEYS) {
      const value = (source as Record<string, unknown>)[key];
      if (typeof value === 'string' && value.length > 0) return value;
      if (typeof value === 'object' && value !== null) {
        const named = value as { displayName?: unknown; id?: unknown };
        if (typeof named.displayName === 'string') return named.displayName;
        if (typeof named.id === 'string') return named.id;
      }
    }
  }
  return null;
}

/** The request itself; what it changed is recorded by the handler that changed it (recordChange), in a sentence with names. */
function kindOf(route: GuardedRoute): AuditKind {
  return route.kind === 'command' ? 'command' : 'action';
}

/**
 * The environment for the audit row by name: card data carries environment ids, and the trail shows
 * names. An id the tenant no longer has is recorded as such, never as the bare id.
 */
async function environmentName(deps: Deps, named: string | null): Promise<string | null> {
  if (named === null || !isEnvironmentId(named)) return named;
  try {
    const found = (await tenantCache(deps).environments()).find((e) => e.id.toLowerCase() === named.toLowerCase());
    return found ? found.displayName : 'an environment no longer in the tenant';
  } catch {
    return 'an environment (its name could not be read)';
  }
}

/** Refuses with AppError('auth.forbidden') unless the caller's role allows `access` (the router's hook in composeApp). */
export const authorizeRoute: Authorize = async (caller, access, deps) => {
  await authorizeCaller(caller, access, securityFor(deps).roles);
};

export async function guarded<T>(
  turn: Turn,
  route: GuardedRoute,
  deps: Deps,
  authorize: Authorize,
  run: () => Promise<T>,
): Promise<T> {
  const { audit, limiter } = securityFor(deps);
  // Typed text is kept as typed (the audit card shows it inert); card data is ids and flags, not worth a line.
  const summary = typeof route.input === 'string' ? route.input : '';
  const named = environmentOf(route.params, route.input);
  const base = {
    actor: { aadObjectId: turn.caller.aadObjectId ?? null, name: turn.caller.name },
    what: route.name,
    summary,
    // A refused caller costs no Microsoft call: the id stays, and the audit card names it.
    environment: named,
    conversation: turn.conversationKey,
  };
  try {
    await authorize(turn.caller, route.access, deps);
    if (isExpensive(route)) {
      const decision = await limiter.take(turn.caller.aadObjectId ?? turn.conversationKey);
      if (!decision.ok) throw rateLimitError(decision.retryAfterSeconds);
    }
  } catch (error) {
    const appError = toAppError(error);
    const refused = appError.code === 'auth.forbidden' || appError.code === 'limit.rate';
    await audit.record({ ...base, kind: refused ? 'refusal' : kindOf(route), result: refused ? 'refused' : 'failed', code: appError.code });
    turn.log.info({ route: route.name, code: appError.code }, refused ? 'request refused' : 'authorisation failed');
    throw error;
  }
  const allowed = { ...base, environment: await environmentName(deps, named) };
  try {
    const result = await run();
    const refused = takeRefusal(turn);
    await audit.record({ ...allowed, kind: kindOf(route), result: refused ? 'refused' : 'ok', code: refused ?? null });
    return result;
  } catch (error) {
    await audit.record({ ...allowed, kind: kindOf(route), result: 'failed', code: toAppError(error).code }).catch((auditError: unknown) =>
      turn.log.error({ err: auditError }, 'could not write the audit row of a failed request'));
    throw error;
  }
}

/** A change a handler made, as a sentence with names that follows the actor's name: "added Jane Doe to UAT Access". */
export async function recordChange(deps: Deps, turn: Pick<Turn, 'caller' | 'conversationKey'>, what: string, sentence: string, environment: string | null): Promise<void> {
  await securityFor(deps).audit.record({
    actor: { aadObjectId: turn.caller.aadObjectId ?? null, name: turn.caller.name },
    kind: 'fix',
    what,
    summary: sentence,
    environment,
    result: 'ok',
    conversation: turn.conversationKey,
  });
}

/** For refusals that happen before any route is chosen (e.g. the tenant lock). */
export async function recordRefusal(deps: Deps, turn: Pick<Turn, 'caller' | 'conversationKey'>, what: string, summary: string, error: AppError): Promise<void> {
  await securityFor(deps).audit.record({
    actor: { aadObjectId: turn.caller.aadObjectId ?? null, name: turn.caller.name },
    kind: 'refusal',
    what,
    summary,
    result: 'refused',
    code: error.code,
    conversation: turn.conversationKey,
  });
}

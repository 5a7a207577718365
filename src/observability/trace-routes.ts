import type { Authorize, RouteGuard } from '../app/router';
import { toAppError } from '../errors';
import { authorizeRoute, securityFor } from '../security/guard';
import type { Telemetry } from './telemetry';

const REFUSALS = new Set(['auth.forbidden', 'limit.rate']);

/**
 * One span per routed command or card action (`command sync`, `action sync.confirm`) with the
 * caller's role and the outcome, plus a `bot.routes` counter and `bot.route.duration` histogram.
 * Wraps the router's guard, so authorisation, limits and the audit trail run exactly as before.
 */
export function tracedGuard(telemetry: Telemetry, inner: RouteGuard): RouteGuard {
  return async (turn, route, deps, authorize, run) => {
    const started = performance.now();
    const base = { 'route.kind': route.kind, 'route.name': route.name, 'route.access': route.access };
    const span = telemetry.startSpan(`${route.kind} ${route.name}`, base);
    // The role the security guard looks up (and caches) anyway; 'anyone' routes never look it up,
    // so telemetry causes no Graph call of its own.
    let role = 'not-checked';
    const noteRole: Authorize =
      authorize === authorizeRoute
        ? async (caller, access, d) => {
            if (access !== 'anyone' && caller.aadObjectId) role = await securityFor(d).roles.roleOf(caller.aadObjectId);
            await authorize(caller, access, d);
          }
        : authorize;
    const finish = (outcome: string, code?: string) => {
      const attrs = { ...base, 'caller.role': role, outcome, 'error.code': code };
      span.end(outcome === 'failed' ? 'error' : 'ok', attrs);
      telemetry.count('bot.routes', 1, attrs);
      telemetry.recordDuration('bot.route.duration', performance.now() - started, { ...base, outcome });
    };
    try {
      const result = await inner(turn, route, deps, noteRole, run);
      finish('ok');
      return result;
    } catch (error) {
      const code = toAppError(error).code;
      finish(REFUSALS.has(code) ? 'refused' : 'failed', code);
      throw error;
    }
  };
}

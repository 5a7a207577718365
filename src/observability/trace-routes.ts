import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { Authorize, RouteGuard } from '../app/router';
import { toAppError } from '../errors';
import { DIAGNOSE_VERBS } from '../features/diagnose/verbs';
import { authorizeRoute, securityFor } from '../security/guard';
import { isSafeName, safeAttributes } from './safe-attributes';
import type { Telemetry } from './telemetry';

const REFUSALS = new Set(['auth.forbidden', 'limit.rate']);
/** Routes that answer an access check: their time is also `diagnosis.duration`. */
const DIAGNOSES = new Set(['diagnose', DIAGNOSE_VERBS.check]);

/**
 * One SERVER span per routed command or card action (`command sync`, `action sync.confirm`) with
 * the route, the caller's role and the outcome; never the text typed. It is the active span while
 * the route runs, so Microsoft calls are its children and log lines carry its ids. Also the
 * `bot.routes` counter, `bot.route.duration` and `diagnosis.duration` histograms. Wraps the
 * router's guard, so authorisation, limits and the audit trail run exactly as before.
 */
export function tracedGuard(telemetry: Telemetry, inner: RouteGuard): RouteGuard {
  return (turn, route, deps, authorize, run) => {
    const started = performance.now();
    const base = { 'route.kind': route.kind, 'route.name': route.name, 'route.access': route.access };
    const name = `${route.kind} ${route.name}`;
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
    return telemetry.tracer.startActiveSpan(isSafeName(name) ? name : `${route.kind}`, { kind: SpanKind.SERVER, attributes: safeAttributes(base) }, async (span) => {
      const finish = (outcome: string, code?: string) => {
        const attrs = { ...base, 'caller.role': role, outcome, 'error.code': code };
        span.setAttributes(safeAttributes(attrs));
        span.setStatus({ code: outcome === 'failed' ? SpanStatusCode.ERROR : SpanStatusCode.OK });
        span.end();
        const ms = performance.now() - started;
        telemetry.count('bot.routes', 1, attrs);
        telemetry.recordDuration('bot.route.duration', ms, { ...base, outcome });
        if (DIAGNOSES.has(route.name)) telemetry.recordDuration('diagnosis.duration', ms, { 'route.kind': route.kind, outcome });
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
    });
  };
}

import { isSpanContextValid, trace } from '@opentelemetry/api';

/**
 * pino mixin: `trace_id`, `span_id` and `trace_flags` of the active span on every line written
 * inside one (the names OpenTelemetry's log data model and Application Insights' operation_Id
 * use), so a log line leads to its trace and back. Nothing while telemetry is off. A new object
 * each time: pino merges the line's own fields into it.
 */
export function activeTraceFields(): Record<string, string> {
  const span = trace.getActiveSpan();
  if (!span) return {};
  const context = span.spanContext();
  if (!isSpanContextValid(context)) return {};
  return { trace_id: context.traceId, span_id: context.spanId, trace_flags: `0${context.traceFlags.toString(16)}` };
}

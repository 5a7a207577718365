/**
 * OTLP/JSON encoding of ExportTraceServiceRequest and ExportMetricsServiceRequest
 * (opentelemetry-proto, JSON Protobuf Encoding): lowerCamelCase fields, trace and span ids as hex,
 * 64-bit integers and nanosecond times as decimal strings, enums as numbers.
 */
import type { AttributeValue } from './telemetry';

export type AttributeList = readonly (readonly [string, AttributeValue])[];

export const SPAN_KIND = { internal: 1, server: 2 } as const;
const STATUS_CODE = { ok: 1, error: 2 } as const;
/** AGGREGATION_TEMPORALITY_CUMULATIVE */
const CUMULATIVE = 2;

export interface FinishedSpan {
  traceId: string;
  spanId: string;
  name: string;
  kind: number;
  startNs: bigint;
  endNs: bigint;
  attributes: AttributeList;
  status: 'ok' | 'error' | 'unset';
}

export interface SumPoint {
  name: string;
  attributes: AttributeList;
  value: number;
}

export interface HistogramPoint {
  name: string;
  attributes: AttributeList;
  count: number;
  sum: number;
  min: number;
  max: number;
  /** One more than `bounds`: the last bucket holds values above the highest bound. */
  bucketCounts: readonly number[];
  bounds: readonly number[];
}

export interface Scope {
  resource: AttributeList;
  scopeName: string;
  scopeVersion: string;
}

function anyValue(value: AttributeValue) {
  if (typeof value === 'string') return { stringValue: value };
  if (typeof value === 'boolean') return { boolValue: value };
  return Number.isInteger(value) ? { intValue: String(value) } : { doubleValue: value };
}

export const encodeAttributes = (attrs: AttributeList) => attrs.map(([key, value]) => ({ key, value: anyValue(value) }));

const resourceOf = (scope: Scope) => ({ attributes: encodeAttributes(scope.resource) });
const scopeOf = (scope: Scope) => ({ name: scope.scopeName, version: scope.scopeVersion });

export function encodeTraces(scope: Scope, spans: readonly FinishedSpan[]) {
  return {
    resourceSpans: [
      {
        resource: resourceOf(scope),
        scopeSpans: [
          {
            scope: scopeOf(scope),
            spans: spans.map((s) => ({
              traceId: s.traceId,
              spanId: s.spanId,
              name: s.name,
              kind: s.kind,
              startTimeUnixNano: String(s.startNs),
              endTimeUnixNano: String(s.endNs),
              attributes: encodeAttributes(s.attributes),
              status: s.status === 'unset' ? {} : { code: STATUS_CODE[s.status] },
            })),
          },
        ],
      },
    ],
  };
}

/** Points of the same name become one metric; times are the process start and now (cumulative). */
export function encodeMetrics(scope: Scope, sums: readonly SumPoint[], histograms: readonly HistogramPoint[], startNs: bigint, nowNs: bigint) {
  const times = { startTimeUnixNano: String(startNs), timeUnixNano: String(nowNs) };
  const metrics = [
    ...groupByName(sums).map(([name, points]) => ({
      name,
      unit: '1',
      sum: {
        aggregationTemporality: CUMULATIVE,
        isMonotonic: true,
        dataPoints: points.map((p) => ({ attributes: encodeAttributes(p.attributes), ...times, ...numberValue(p.value) })),
      },
    })),
    ...groupByName(histograms).map(([name, points]) => ({
      name,
      unit: 'ms',
      histogram: {
        aggregationTemporality: CUMULATIVE,
        dataPoints: points.map((p) => ({
          attributes: encodeAttributes(p.attributes),
          ...times,
          count: String(p.count),
          sum: p.sum,
          min: p.min,
          max: p.max,
          bucketCounts: p.bucketCounts.map(String),
          explicitBounds: [...p.bounds],
        })),
      },
    })),
  ];
  return { resourceMetrics: [{ resource: resourceOf(scope), scopeMetrics: [{ scope: scopeOf(scope), metrics }] }] };
}

const numberValue = (value: number) => (Number.isInteger(value) ? { asInt: String(value) } : { asDouble: value });

function groupByName<T extends { name: string }>(points: readonly T[]): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const point of points) {
    const group = groups.get(point.name);
    if (group) group.push(point);
    else groups.set(point.name, [point]);
  }
  return [...groups];
}

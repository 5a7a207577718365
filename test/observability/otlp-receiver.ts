import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  path: string;
  contentType: string | undefined;
  /** The raw body, for "contains no secret" assertions. */
  raw: string;
  body: Record<string, unknown>;
}

export interface OtlpReceiver {
  /** Base URL to put in OTEL_EXPORTER_OTLP_ENDPOINT. */
  readonly url: string;
  readonly requests: ReceivedRequest[];
  /** Status to answer with from now on (default 200). */
  answerWith(status: number): void;
  /** From now on, read requests but never answer (a hung collector). */
  hang(): void;
  close(): Promise<void>;
}

/** A local OTLP/HTTP JSON endpoint on 127.0.0.1 that records every request (an OpenTelemetry Collector's receiver, for tests). */
export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const requests: ReceivedRequest[] = [];
  let status = 200;
  let hanging = false;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (hanging) return;
      const raw = Buffer.concat(chunks).toString('utf8');
      requests.push({ path: req.url ?? '', contentType: req.headers['content-type'], raw, body: JSON.parse(raw) as Record<string, unknown> });
      // Not chained: restify (loaded by other tests in the same worker) patches writeHead to return nothing.
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    answerWith: (next) => void (status = next),
    hang: () => void (hanging = true),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

type Json = Record<string, unknown>;
type KeyValue = { key: string; value: { stringValue?: string; intValue?: string; boolValue?: boolean; doubleValue?: number } };

export interface ReceivedSpan {
  name: string;
  kind: number;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  status: { code?: number };
  attrs: Record<string, string | number | boolean | undefined>;
  resource: Record<string, string | number | boolean | undefined>;
}

export function attributeMap(list: readonly KeyValue[] | undefined): Record<string, string | number | boolean | undefined> {
  return Object.fromEntries((list ?? []).map(({ key, value }) => [key, value.stringValue ?? (value.intValue !== undefined ? Number(value.intValue) : (value.boolValue ?? value.doubleValue))]));
}

/** Every span in every /v1/traces request. */
export function spansIn(requests: readonly ReceivedRequest[]): ReceivedSpan[] {
  return requests
    .filter((r) => r.path === '/v1/traces')
    .flatMap((r) => (r.body.resourceSpans as Json[]).flatMap((rs) => {
      const resource = attributeMap((rs.resource as { attributes?: KeyValue[] }).attributes);
      return (rs.scopeSpans as Json[]).flatMap((ss) => (ss.spans as (Json & { attributes: KeyValue[] })[]).map((s) => ({ ...(s as unknown as ReceivedSpan), attrs: attributeMap(s.attributes), resource })));
    }));
}

export interface ReceivedMetric {
  name: string;
  unit?: string;
  sum?: { aggregationTemporality: number; isMonotonic: boolean; dataPoints: (Json & { attributes: KeyValue[]; asInt?: string | number; asDouble?: number })[] };
  histogram?: { aggregationTemporality: number; dataPoints: (Json & { attributes: KeyValue[]; count: string; bucketCounts: string[]; explicitBounds: number[] })[] };
}

/** The metrics of the LAST /v1/metrics request (cumulative, so it holds every series so far). */
export function latestMetrics(requests: readonly ReceivedRequest[]): Map<string, ReceivedMetric> {
  const last = requests.filter((r) => r.path === '/v1/metrics').at(-1);
  const metrics = last ? (last.body.resourceMetrics as Json[]).flatMap((rm) => (rm.scopeMetrics as Json[]).flatMap((sm) => sm.metrics as ReceivedMetric[])) : [];
  return new Map(metrics.map((m) => [m.name, m]));
}

/** Sum of a counter's points whose attributes include `match`. */
export function counterValue(metric: ReceivedMetric | undefined, match: Record<string, string | number> = {}): number {
  return (metric?.sum?.dataPoints ?? [])
    .filter((p) => Object.entries(match).every(([k, v]) => attributeMap(p.attributes)[k] === v))
    .reduce((total, p) => total + Number(p.asInt ?? p.asDouble ?? 0), 0);
}

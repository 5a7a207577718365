import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import type { SimStats } from '../../src/sim/server';
import { spansIn, startOtlpReceiver, type OtlpReceiver } from './otlp-receiver';

interface Envelope {
  name: string;
  iKey?: string;
  tags?: Record<string, string>;
  data?: { baseType?: string; baseData?: Record<string, unknown> & { name?: string; properties?: Record<string, string>; metrics?: { name: string; value: number }[] } };
}

/** A throw-away self-signed certificate for localhost (the exporter only speaks https to an ingestion endpoint), in `dir`. */
function selfSignedCertificate(dir: string): { key: Buffer; cert: Buffer; certPath: string } {
  const certPath = join(dir, 'cert.pem');
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1',
    '-keyout', join(dir, 'key.pem'), '-out', certPath,
  ], { stdio: 'ignore' });
  return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(certPath), certPath };
}

interface Ingestion {
  url: string;
  certPath: string;
  envelopes: Envelope[];
  close(): Promise<void>;
}

/** A stand-in for Application Insights' ingestion endpoint (the connection string's IngestionEndpoint), over https: keeps every envelope. */
async function startIngestion(dir: string): Promise<Ingestion> {
  const envelopes: Envelope[] = [];
  const tls = selfSignedCertificate(dir);
  const server: Server = createServer({ key: tls.key, cert: tls.cert }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const text = (req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8');
      if (req.url?.startsWith('/v2.1/track')) envelopes.push(...(JSON.parse(text) as Envelope[]));
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ itemsReceived: 0, itemsAccepted: 0, errors: [] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `https://localhost:${(server.address() as AddressInfo).port}`,
    certPath: tls.certPath,
    envelopes,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const IKEY = '6f1a0c38-51c5-4f42-9b0e-2d0e5c3c9a11';
const REPO = resolve(__dirname, '..', '..');
const ofType = (envelopes: readonly Envelope[], baseType: string) => envelopes.filter((e) => e.data?.baseType === baseType);

/**
 * Microsoft's distro, chosen by APPLICATIONINSIGHTS_CONNECTION_STRING, sending to a local ingestion
 * endpoint. It runs in a process of its own (azure-monitor-session.ts): it registers process-wide
 * globals and Node reads the extra trusted certificate at start.
 */
describe('Azure Monitor (Application Insights), with APPLICATIONINSIGHTS_CONNECTION_STRING set', () => {
  let dir: string;
  let ingestion: Ingestion;
  let collector: OtlpReceiver;
  let session: { answered: boolean; traceContext: SimStats['traceContext'] };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ingestion-'));
    ingestion = await startIngestion(dir);
    collector = await startOtlpReceiver();
    const env = {
      APPLICATIONINSIGHTS_CONNECTION_STRING: `InstrumentationKey=${IKEY};IngestionEndpoint=${ingestion.url}/`,
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
      OTEL_SERVICE_NAME: 'access-bot-under-test',
    };
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'test/observability/azure-monitor-session.ts', JSON.stringify(env)], {
      cwd: REPO,
      timeout: 150_000,
      // Trust the throw-away certificate; send no SDK usage statistics to Microsoft from a test.
      env: { ...process.env, NODE_EXTRA_CA_CERTS: ingestion.certPath, APPLICATIONINSIGHTS_STATSBEAT_DISABLED: 'true', APPLICATIONINSIGHTS_SDKSTATS_DISABLED: 'true' },
    });
    session = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as typeof session;
  }, 180_000);

  afterAll(async () => {
    await ingestion.close();
    await collector.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('then the command is a request and each Microsoft call a dependency of the same operation, as the simulator saw it in traceparent', () => {
    expect(session.answered).toBe(true);
    const [request] = ofType(ingestion.envelopes, 'RequestData').filter((e) => e.data?.baseData?.name === 'command environments');
    expect(request?.iKey).toBe(IKEY);
    expect(request?.tags?.['ai.cloud.role']).toBe('access-bot-under-test');
    expect(request?.data?.baseData?.properties).toMatchObject({ 'route.name': 'environments', outcome: 'ok', 'caller.role': 'not-checked' });
    const operationId = request?.tags?.['ai.operation.id'];
    const dependencies = ofType(ingestion.envelopes, 'RemoteDependencyData').filter((e) => e.tags?.['ai.operation.id'] === operationId);
    expect(dependencies.map((d) => d.data?.baseData?.name)).toContain('GET environments');
    // The id Microsoft support asks for is on each Graph dependency, as a custom property.
    const graph = dependencies.filter((d) => d.data?.baseData?.properties?.surface === 'graph');
    expect(graph.length).toBeGreaterThan(0);
    for (const call of graph) expect(call.data?.baseData?.properties?.['outbound.request_id']).toMatch(/^[0-9a-f-]{36}$/);
    const received = session.traceContext.bap.recent;
    expect(received.length).toBeGreaterThan(0);
    for (const traceparent of received) expect(traceparent.split('-')[1]).toBe(operationId);
  });

  it('with an OTLP endpoint set as well, then the collector receives the same trace', () => {
    const [request] = ofType(ingestion.envelopes, 'RequestData').filter((e) => e.data?.baseData?.name === 'command environments');
    const command = spansIn(collector.requests).find((s) => s.name === 'command environments');
    expect(command?.traceId).toBe(request?.tags?.['ai.operation.id']);
    expect(spansIn(collector.requests).filter((s) => s.traceId === command?.traceId).length).toBe(1 + ofType(ingestion.envelopes, 'RemoteDependencyData').filter((e) => e.tags?.['ai.operation.id'] === command?.traceId).length);
  });

  it("then the bot's metrics arrive as custom metrics", () => {
    const names = new Set(ofType(ingestion.envelopes, 'MetricData').flatMap((e) => e.data?.baseData?.metrics?.map((m) => m.name) ?? []));
    expect([...names]).toEqual(expect.arrayContaining(['bot.routes', 'outbound.requests', 'outbound.duration']));
  });

  it('then nothing sent names a person, a UPN, a URL with a query, or a token', () => {
    const sent = JSON.stringify(ingestion.envelopes);
    expect(sent.length).toBeGreaterThan(1_000);
    expect(sent).not.toMatch(/Nadia|Rahman|@contoso|\$filter|Bearer|eyJ/);
  });
});

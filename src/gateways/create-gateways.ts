import type { Tracer } from '@opentelemetry/api';
import type { Config } from '../config';
import type { TokenProvider } from './auth/token-provider';
import { createDataverseGateway } from './dataverse/dataverse-gateway';
import { createDoctorProbe } from './doctor/doctor-probe';
import { createGraphClient } from './graph/graph-client';
import { createGraphGateway } from './graph/graph-gateway';
import { createGraphRequester } from './graph/graph-requester';
import { createHttpClient } from './http/http-client';
import type { OnRequest, RetryPolicy } from './http/request-event';
import { createPowerAppsGateway } from './power-apps/power-apps-gateway';
import { createPowerPlatformGateway } from './power-platform/power-platform-gateway';
import type { DataverseGateway, DoctorProbe, GraphGateway, PowerAppsGateway, PowerPlatformGateway } from './types';

export interface GatewayOptions {
  tokenProvider: TokenProvider;
  onRequest?: OnRequest;
  /** A span per Microsoft call (OpenTelemetry); none when absent. */
  tracer?: Tracer;
  fetch?: typeof fetch;
  /** Per-attempt timeout; default 30 s. */
  timeoutMs?: number;
  /** Retry policy for idempotent reads (and Graph's RetryHandler); tests shorten the back-off. */
  retryPolicy?: RetryPolicy;
}

export interface Gateways {
  graph: GraphGateway;
  powerPlatform: PowerPlatformGateway;
  /** Canvas apps and their sharing (Power Apps admin API, §15). */
  powerApps: PowerAppsGateway;
  dataverse: DataverseGateway;
  /** Read-only probes for the `doctor` self-check. */
  doctor: DoctorProbe;
}

/**
 * The same code for live and simulated tenants: only the cloud (hosts with their token scopes) and the
 * token provider differ.
 */
export function createGateways(config: Config, options: GatewayOptions): Gateways {
  const { cloud, bapApiVersion } = config.microsoft;
  const shared = { tokenProvider: options.tokenProvider, fetch: options.fetch, onRequest: options.onRequest, tracer: options.tracer, timeoutMs: options.timeoutMs, retryPolicy: options.retryPolicy };
  const graphClient = createGraphClient({ ...shared, baseUrl: cloud.graph.baseUrl, scope: cloud.graph.scope });
  return {
    graph: createGraphGateway(createGraphRequester(graphClient, cloud.graph.baseUrl)),
    powerPlatform: createPowerPlatformGateway({ http: createHttpClient({ ...shared, surface: 'bap' }), api: cloud.bap, apiVersion: bapApiVersion }),
    powerApps: createPowerAppsGateway({ http: createHttpClient({ ...shared, surface: 'powerApps' }), api: cloud.powerApps }),
    dataverse: createDataverseGateway({ http: createHttpClient({ ...shared, surface: 'dataverse' }) }),
    doctor: createDoctorProbe({ http: shared, graph: cloud.graph, bapScope: cloud.bap.scope }),
  };
}

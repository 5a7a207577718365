import type { Logger } from 'pino';
import type { Config } from '../config';
import type { Deps, Notifier } from './deps';
import { featureTable } from './feature-table';
import { createRouter, type Router, type RouterOptions } from './router';
import type { Feature } from './routes';
import { AppError } from '../errors';
import { createGateways, type GatewayOptions } from '../gateways/create-gateways';
import { createTokenProvider } from '../gateways/auth/token-provider';
import { createNotifier, type ProactiveAdapter } from '../bot/notifier';
import { openStore, storeTarget, type Store } from '../store/db';
import { authorizeRoute, guarded } from '../security/guard';
import { createConversationStore, type ConversationStore } from '../store/conversation-store';
import { joinSimulatedTenant, type SimulatedTenant, type SimulatorStartOptions } from './simulated-tenant';
import { createTelemetry } from '../observability/create-telemetry';
import { countingFailedNotifications } from '../observability/notifier-metrics';
import { allHooks, outboundFailureLog, outboundRecorder } from '../observability/outbound-metrics';
import type { Telemetry } from '../observability/telemetry';
import { tracedGuard } from '../observability/trace-routes';
import { resumeSyncJobs, stopSyncJobs } from '../features/sync';
import { startWatching, stopWatching } from '../features/watch';

export interface ComposeOptions {
  log: Logger;
  /** Sends proactive messages (CloudAdapter in the bot, a test adapter in tests); the CLI has none. */
  proactive?: ProactiveAdapter;
  /** In-process simulator overrides (tests): fixture object/path and SimConfig patch. */
  simulator?: SimulatorStartOptions;
  features?: readonly Feature[];
  router?: RouterOptions;
  gateways?: Pick<GatewayOptions, 'retryPolicy' | 'timeoutMs' | 'onRequest'>;
  /** Opens the store; default openStore(storeTarget(config)): PostgreSQL when DATABASE_URL is set, else SQLite at STORE_PATH. */
  openStore?: (config: Config) => Promise<Store>;
  now?: () => number;
  /** Default: from config (Azure Monitor, OTLP or the no-op: src/observability/create-telemetry.ts); composeApp shuts down only its own. */
  telemetry?: Telemetry;
}

export interface ComposedApp {
  /** The configuration the app runs with: in simulated mode pointed at the simulator. */
  config: Config;
  deps: Deps;
  router: Router;
  conversations: ConversationStore;
  /** The simulated tenant when dataSource is simulated, else null. */
  simulated: SimulatedTenant | null;
  /** Starts work that outlives a turn: resumes sync jobs a previous process left unfinished. The bot calls it; the CLI does not. Returns the resumed job ids. */
  startBackgroundWork(): Promise<string[]>;
  /** Lets in-flight sync adds finish (the rest resumes at the next start), then closes the store and the in-process simulator. */
  close(): Promise<void>;
}

/** Builds the same Deps for the bot, the CLI and tests, from one Config. */
export async function composeApp(loaded: Config, options: ComposeOptions): Promise<ComposedApp> {
  const { log } = options;
  const simulated = loaded.dataSource === 'simulated' ? await joinSimulatedTenant(loaded, options.simulator ?? {}) : null;
  const config = simulated?.config ?? loaded;
  if (simulated) {
    log.warn(
      { simulator: simulated.origin, tenant: simulated.tenantName, inProcess: simulated.inProcess },
      `SIMULATED DATA: no Microsoft tenant is used. The bot answers from the demo tenant "${simulated.tenantName}" (simulated) at ${simulated.origin}. Configure Azure credentials (see .env.example) to use a real tenant.`,
    );
  } else {
    const { cloud } = config.microsoft;
    log.info({ tenantId: config.tenantId, cloud: cloud.name, bap: cloud.bap.baseUrl }, `using the live Microsoft tenant in the ${cloud.label} cloud`);
  }
  let store: Store | null = null;
  let ownTelemetry: Telemetry | null = null;
  try {
    store = await (options.openStore ?? ((c: Config) => openStore(storeTarget(c, (message) => log.warn(message)))))(config);
    const { db } = store;
    const tokenProvider = createTokenProvider(config, simulated ? { simulatorTokenUrl: simulated.tokenUrl } : {});
    const telemetry = options.telemetry ?? (await createTelemetry(config, log));
    ownTelemetry = options.telemetry ? null : telemetry;
    const onRequest = allHooks(options.gateways?.onRequest, outboundFailureLog(log), telemetry.enabled ? outboundRecorder(telemetry) : undefined);
    const gateways = createGateways(config, { tokenProvider, ...options.gateways, onRequest, tracer: telemetry.enabled ? telemetry.tracer : undefined });
    const conversations = createConversationStore(db);
    const now = options.now ?? Date.now;
    const notifier = options.proactive
      ? countingFailedNotifications(createNotifier({ adapter: options.proactive, appId: config.bot.appId ?? '', conversations, log, now }), telemetry)
      : unavailableNotifier;
    const deps: Deps = { config, ...gateways, db, store, notifier, log, telemetry, now };
    const guard = options.router?.guard ?? guarded;
    const routerOptions = { authorize: authorizeRoute, ...options.router, guard: telemetry.enabled ? tracedGuard(telemetry, guard) : guard };
    const router = createRouter(options.features ?? featureTable, deps, routerOptions);
    const openStoreNow = store;
    return {
      config,
      deps,
      router,
      conversations,
      simulated,
      startBackgroundWork: async () => {
        await startWatching(deps);
        return resumeSyncJobs(deps);
      },
      async close() {
        await stopWatching(deps);
        await stopSyncJobs(deps);
        await ownTelemetry?.shutdown();
        await openStoreNow.close();
        await simulated?.close();
      },
    };
  } catch (error) {
    await ownTelemetry?.shutdown();
    await store?.close();
    await simulated?.close();
    throw error;
  }
}

const notFromHere = (): never => {
  throw new AppError('input.invalid', 'Teams messages can only be sent by the running bot, not from here.');
};
const unavailableNotifier: Notifier = { sendCard: async () => notFromHere(), sendText: async () => notFromHere(), updateCard: async () => notFromHere() };

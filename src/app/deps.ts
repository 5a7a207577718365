import type { Logger } from 'pino';
import type { Config } from '../config';
import type { DataverseGateway, DoctorProbe, GraphGateway, PowerAppsGateway, PowerPlatformGateway } from '../gateways/types';
import type { Telemetry } from '../observability/telemetry';
import type { Store } from '../store/db';
import type { Db } from '../store/schema';
import type { AdaptiveCard, MessageRef } from './turn';

/** Sends to a stored conversation from outside a turn (background jobs, notifications). */
export interface Notifier {
  /** One message: the card, with `text` above it when given. */
  sendCard(conversationKey: string, card: AdaptiveCard, text?: string): Promise<MessageRef>;
  sendText(conversationKey: string, text: string): Promise<void>;
  updateCard(ref: MessageRef, card: AdaptiveCard): Promise<void>;
}

/** Everything a use case may need, built once in src/index.ts (or by a test). */
export interface Deps {
  readonly config: Config;
  readonly graph: GraphGateway;
  readonly powerPlatform: PowerPlatformGateway;
  /** Canvas apps (Power Apps admin API). */
  readonly powerApps: PowerAppsGateway;
  readonly dataverse: DataverseGateway;
  /** Read-only probes for `doctor`. */
  readonly doctor: DoctorProbe;
  /** The store's query builder (SQLite or PostgreSQL): the repositories in src/jobs, src/store and the features take it. */
  readonly db: Db;
  /** The store itself: its kind (which job engine runs), health and write probe. */
  readonly store: Store;
  readonly notifier: Notifier;
  readonly log: Logger;
  /** Spans and metrics (src/observability); composeApp always sets it (the no-op unless OTLP is configured). */
  readonly telemetry?: Telemetry;
  /** Milliseconds since the epoch; injected so tests can move time. */
  now(): number;
}

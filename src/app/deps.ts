import type { Logger } from 'pino';
import type { Database } from 'better-sqlite3';
import type { Config } from '../config';
import type { DataverseGateway, DoctorProbe, GraphGateway, PowerPlatformGateway } from '../gateways/types';
import type { Telemetry } from '../observability/telemetry';
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
  readonly dataverse: DataverseGateway;
  /** Read-only probes for `doctor`. */
  readonly doctor: DoctorProbe;
  readonly db: Database;
  readonly notifier: Notifier;
  readonly log: Logger;
  /** Spans and metrics (src/observability); composeApp always sets it (the no-op unless OTLP is configured). */
  readonly telemetry?: Telemetry;
  /** Milliseconds since the epoch; injected so tests can move time. */
  now(): number;
}

import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SentActivity {
  /** performance.now() when the connector received it. */
  at: number;
  method: 'POST' | 'PUT';
  conversationId: string;
  /** The id the connector gave it (POST) or the id it replaces (PUT). */
  id: string;
  /** For replies: the activity being answered (POST …/activities/{replyToId}). */
  replyToId: string | null;
  activity: { type?: string; text?: string; attachments?: { contentType?: string; content?: unknown }[] };
}

type Listener = (sent: SentActivity) => void;

/**
 * Stands in for the Bot Framework connector at the activities' `serviceUrl`: records every
 * `POST /v3/conversations/{id}/activities[/{replyToId}]` (new messages and replies) and
 * `PUT …/activities/{id}` (card updates) the bot sends, and answers like the connector does.
 */
export class FakeConnector {
  readonly sent: SentActivity[] = [];
  private server: Server | null = null;
  private listeners = new Set<Listener>();
  private nextId = 1;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      void readJson(req).then((body) => {
        const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(new URL(req.url ?? '/', 'http://x').pathname);
        if (!match || (req.method !== 'POST' && req.method !== 'PUT')) {
          res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
          return;
        }
        const conversationId = decodeURIComponent(match[1] as string);
        const pathId = match[2] ? decodeURIComponent(match[2]) : null;
        const id = req.method === 'PUT' && pathId ? pathId : `bench-activity-${this.nextId++}`;
        const sent: SentActivity = {
          at: performance.now(), method: req.method, conversationId, id, replyToId: req.method === 'POST' ? pathId : null, activity: body as SentActivity['activity'],
        };
        this.sent.push(sent);
        for (const listener of this.listeners) listener(sent);
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id }));
      });
    });
    this.server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Resolves with the first activity (already received or future) that satisfies `match`. */
  waitFor(match: (sent: SentActivity) => boolean, timeoutMs: number, what: string): Promise<SentActivity> {
    const found = this.sent.find(match);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.listeners.delete(listener);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      const listener: Listener = (sent) => {
        if (!match(sent)) return;
        clearTimeout(timer);
        this.listeners.delete(listener);
        resolve(sent);
      };
      this.listeners.add(listener);
    });
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return {};
  }
}

/** The Adaptive Card content of an activity, if it carries one. */
export function cardOf(sent: SentActivity): Record<string, unknown> | undefined {
  const attachment = sent.activity.attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
  return attachment?.content as Record<string, unknown> | undefined;
}

/** The `data` of the card button titled `title`, wherever it sits in the card. */
export function buttonData(card: unknown, title: string): Record<string, unknown> | undefined {
  let found: Record<string, unknown> | undefined;
  const walk = (node: unknown): void => {
    if (found) return;
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (record.title === title && typeof record.data === 'object' && record.data !== null) found = record.data as Record<string, unknown>;
      else Object.values(record).forEach(walk);
    }
  };
  walk(card);
  return found;
}

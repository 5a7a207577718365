/**
 * The audit trail: every command, card action, sync job, change and refusal, with who, when,
 * what, where and the result. Requests are recorded by the router's guard (typed text as typed, card
 * data not at all); what a handler changed is recorded by the handler as a sentence with names
 * (kind `fix`: "added Jane Doe to UAT Access"), and a request a handler declined as refused. Rows are
 * only ever inserted (the table's triggers refuse UPDATE and DELETE); text is cleaned, scrubbed of
 * secrets and truncated before it is stored.
 */
import { sql } from 'kysely';
import type { Db } from '../store/schema';
import type { Scrubber } from './redact';

export type AuditKind = 'command' | 'action' | 'job' | 'fix' | 'refusal';
export type AuditResult = 'ok' | 'refused' | 'failed';

export interface AuditRecord {
  actor: { aadObjectId?: string | null; name: string };
  kind: AuditKind;
  /** Command name or card verb, e.g. `sync`, `diagnose.sync-user`. */
  what: string;
  /** What was asked, in a line (cleaned and truncated here). */
  summary: string;
  environment?: string | null;
  result: AuditResult;
  /** ErrorCode for refused and failed entries. */
  code?: string | null;
  conversation?: string | null;
}

export interface AuditEntry {
  id: number;
  at: number;
  actorId: string | null;
  actorName: string;
  kind: AuditKind;
  what: string;
  summary: string;
  environment: string | null;
  result: AuditResult;
  code: string | null;
}

export interface AuditFilter {
  /** Display name (substring, any case) or exact object id. */
  user?: string;
  /** Environment name or id (substring, any case). */
  environment?: string;
  /** Epoch milliseconds, inclusive. */
  since?: number;
  /** Newest entries to return; default 50; 0 or less returns every match. */
  limit?: number;
  /**
   * Changes only: rows handlers wrote for what they changed (`fix`), job outcomes, refusals, and the
   * requests of these routes (commands or card verbs that change something). Lookups are left out.
   */
  changesOnly?: readonly string[];
}

export interface AuditLog {
  record(entry: AuditRecord): Promise<void>;
  /** Newest first. */
  list(filter?: AuditFilter): Promise<AuditEntry[]>;
}

export const SUMMARY_MAX = 200;
const NAME_MAX = 100;
const DEFAULT_LIMIT = 50;

/**
 * One line of plain text: control and invisible formatting characters (zero-width, bidi
 * overrides that could make a row read backwards) removed, whitespace collapsed, secrets
 * scrubbed, then cut to `max` characters.
 */
export function cleanText(text: string, scrub: Scrubber, max: number): string {
  const plain = scrub(text.replace(/\p{Cf}/gu, '').replace(/\p{Cc}/gu, ' ').replace(/\s+/g, ' ').trim());
  const chars = [...plain];
  if (chars.length <= max) return plain;
  return `${chars.slice(0, max - 1).join('')}… (${chars.length} chars)`;
}

function likePattern(value: string): string {
  return `%${value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function createAuditLog(db: Db, options: { now(): number; scrub: Scrubber }): AuditLog {
  const { scrub } = options;
  return {
    async record(entry) {
      await db
        .insertInto('audit_log')
        .values({
          at: options.now(),
          actor_id: entry.actor.aadObjectId ?? null,
          actor_name: cleanText(entry.actor.name, scrub, NAME_MAX) || '(unknown)',
          kind: entry.kind,
          what: cleanText(entry.what, scrub, NAME_MAX),
          summary: cleanText(entry.summary, scrub, SUMMARY_MAX),
          environment: entry.environment ? cleanText(entry.environment, scrub, NAME_MAX) : null,
          result: entry.result,
          code: entry.code ?? null,
          conversation: entry.conversation ?? null,
        })
        .execute();
    },
    async list(filter = {}) {
      const limit = filter.limit ?? DEFAULT_LIMIT;
      let query = db
        .selectFrom('audit_log')
        .select(['id', 'at', 'actor_id as actorId', 'actor_name as actorName', 'kind', 'what', 'summary', 'environment', 'result', 'code']);
      // lower() on both sides: SQLite's LIKE ignores ASCII case and PostgreSQL's does not; this reads the same in both.
      const { user, environment, since } = filter;
      if (user) {
        query = query.where((eb) =>
          eb.or([
            eb(sql`lower(actor_name)`, 'like', sql`lower(${likePattern(user)}) ESCAPE '\\'`),
            eb(sql`lower(actor_id)`, '=', user.toLowerCase()),
          ]));
      }
      if (environment) query = query.where(sql`lower(environment)`, 'like', sql`lower(${likePattern(environment)}) ESCAPE '\\'`);
      if (since !== undefined) query = query.where('at', '>=', since);
      const changes = filter.changesOnly;
      if (changes) {
        query = query.where((eb) => eb.or([
          eb('kind', 'in', ['fix', 'job', 'refusal']),
          eb('result', '=', 'refused'),
          ...(changes.length > 0 ? [eb('what', 'in', [...changes])] : []),
        ]));
      }
      query = query.orderBy('at', 'desc').orderBy('id', 'desc');
      return query.limit(limit > 0 ? limit : Number.MAX_SAFE_INTEGER).execute();
    },
  };
}

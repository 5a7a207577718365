/**
 * The audit trail: every command, card action, sync job, fix and refusal, with who, when,
 * what, where and the result. Rows are only ever inserted (the table's triggers refuse UPDATE
 * and DELETE); text is cleaned, scrubbed of secrets and truncated before it is stored.
 */
import type { Database } from 'better-sqlite3';
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
}

export interface AuditLog {
  record(entry: AuditRecord): void;
  /** Newest first. */
  list(filter?: AuditFilter): AuditEntry[];
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

export function createAuditLog(db: Database, options: { now(): number; scrub: Scrubber }): AuditLog {
  const { scrub } = options;
  const insert = db.prepare(
    `INSERT INTO audit_log (at, actor_id, actor_name, kind, what, summary, environment, result, code, conversation)
     VALUES (@at, @actorId, @actorName, @kind, @what, @summary, @environment, @result, @code, @conversation)`,
  );
  return {
    record(entry) {
      insert.run({
        at: options.now(),
        actorId: entry.actor.aadObjectId ?? null,
        actorName: cleanText(entry.actor.name, scrub, NAME_MAX) || '(unknown)',
        kind: entry.kind,
        what: cleanText(entry.what, scrub, NAME_MAX),
        summary: cleanText(entry.summary, scrub, SUMMARY_MAX),
        environment: entry.environment ? cleanText(entry.environment, scrub, NAME_MAX) : null,
        result: entry.result,
        code: entry.code ?? null,
        conversation: entry.conversation ?? null,
      });
    },
    list(filter = {}) {
      const where: string[] = [];
      const limit = filter.limit ?? DEFAULT_LIMIT;
      const params: Record<string, string | number> = { limit: limit > 0 ? limit : -1 };
      if (filter.user) {
        where.push(`(actor_name LIKE @user ESCAPE '\\' OR actor_id = @userId COLLATE NOCASE)`);
        params.user = likePattern(filter.user);
        params.userId = filter.user;
      }
      if (filter.environment) {
        where.push(`environment LIKE @environment ESCAPE '\\'`);
        params.environment = likePattern(filter.environment);
      }
      if (filter.since !== undefined) {
        where.push('at >= @since');
        params.since = filter.since;
      }
      const sql = `SELECT id, at, actor_id AS actorId, actor_name AS actorName, kind, what, summary, environment, result, code FROM audit_log
        ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY at DESC, id DESC LIMIT @limit`;
      return db.prepare(sql).all(params) as AuditEntry[];
    },
  };
}

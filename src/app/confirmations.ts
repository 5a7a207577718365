import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { AppError } from '../errors';
import type { Turn } from './turn';

/**
 * Single-use, user-bound, expiring confirmations (table from migration 003-confirmations.sql).
 * A card shows "Confirm" with only the confirmation id in its data; the action payload stays here,
 * so nothing a client sends back can change what gets done. Redeeming is one atomic UPDATE, so a
 * double click (or two devices) runs the action once.
 */
/** Who a confirmation is bound to: the clicker's Entra object id (a chat without one cannot confirm). */
export function confirmerId(turn: Pick<Turn, 'caller'>): string {
  if (!turn.caller.aadObjectId) throw new AppError('auth.forbidden', "I can't tell who you are in this chat, so I can't let you confirm changes here.");
  return turn.caller.aadObjectId;
}

export interface IssueConfirmationInput<P> {
  /** What the confirmation is for, e.g. 'diagnose.add-to-group', 'sync.group'. Redeem must name the same kind. */
  kind: string;
  /** Entra object id of the person who may confirm. */
  userId: string;
  payload: P;
  ttlMs: number;
  now: number;
}

export interface RedeemConfirmationInput {
  id: string;
  kind: string;
  userId: string;
  now: number;
}

interface Row {
  kind: string;
  user_id: string;
  payload: string;
  expires_at: number;
  used_at: number | null;
}

/** Stores a confirmation and returns its id (put it in the card's button data). */
export function issueConfirmation<P>(db: Database, input: IssueConfirmationInput<P>): string {
  const id = randomUUID();
  db.prepare('DELETE FROM confirmations WHERE expires_at < ?').run(input.now - 24 * 3600_000);
  db.prepare(
    'INSERT INTO confirmations (id, kind, user_id, payload, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(id, input.kind, input.userId, JSON.stringify(input.payload), input.now, input.now + input.ttlMs);
  return id;
}

/**
 * Marks the confirmation used and returns its payload. Throws AppError:
 * `confirm.used` (already confirmed or cancelled), `confirm.expired` (too late or unknown id),
 * `auth.forbidden` (someone else's confirmation).
 */
export function redeemConfirmation<P>(db: Database, input: RedeemConfirmationInput): P {
  const claimed = db
    .prepare(
      'UPDATE confirmations SET used_at = ? WHERE id = ? AND kind = ? AND user_id = ? AND used_at IS NULL AND expires_at > ?',
    )
    .run(input.now, input.id, input.kind, input.userId, input.now);
  const row = db.prepare('SELECT kind, user_id, payload, expires_at, used_at FROM confirmations WHERE id = ?').get(input.id) as
    | Row
    | undefined;
  if (claimed.changes === 1 && row) return JSON.parse(row.payload) as P;
  throw refusal(row, input);
}

/** Cancels a pending confirmation of this user (the "Cancel" button). Returns false if there was nothing to cancel. */
export function cancelConfirmation(db: Database, input: Omit<RedeemConfirmationInput, 'kind'>): boolean {
  const result = db
    .prepare('UPDATE confirmations SET used_at = ? WHERE id = ? AND user_id = ? AND used_at IS NULL')
    .run(input.now, input.id, input.userId);
  return result.changes === 1;
}

function refusal(row: Row | undefined, input: RedeemConfirmationInput): AppError {
  if (!row || row.kind !== input.kind) {
    return new AppError('confirm.expired', 'This confirmation is no longer valid. Please start again.');
  }
  if (row.user_id !== input.userId) {
    return new AppError('auth.forbidden', 'Only the person who asked for this can confirm it.');
  }
  if (row.used_at !== null) return new AppError('confirm.used', 'This was already confirmed or cancelled.');
  return new AppError('confirm.expired', 'This confirmation has expired. Please start again.');
}

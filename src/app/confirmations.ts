import { randomUUID } from 'node:crypto';
import { AppError } from '../errors';
import type { Db } from '../store/schema';
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
  used_at: number | null;
}

/** Stores a confirmation and returns its id (put it in the card's button data). */
export async function issueConfirmation<P>(db: Db, input: IssueConfirmationInput<P>): Promise<string> {
  const id = randomUUID();
  await db.deleteFrom('confirmations').where('expires_at', '<', input.now - 24 * 3600_000).execute();
  await db
    .insertInto('confirmations')
    .values({ id, kind: input.kind, user_id: input.userId, payload: JSON.stringify(input.payload), created_at: input.now, expires_at: input.now + input.ttlMs, used_at: null })
    .execute();
  return id;
}

/**
 * Marks the confirmation used and returns its payload. Throws AppError:
 * `confirm.used` (already confirmed or cancelled), `confirm.expired` (too late or unknown id),
 * `auth.forbidden` (someone else's confirmation).
 */
export async function redeemConfirmation<P>(db: Db, input: RedeemConfirmationInput): Promise<P> {
  const claimed = await db
    .updateTable('confirmations')
    .set({ used_at: input.now })
    .where('id', '=', input.id).where('kind', '=', input.kind).where('user_id', '=', input.userId)
    .where('used_at', 'is', null).where('expires_at', '>', input.now)
    .executeTakeFirst();
  const row: Row | undefined = await db.selectFrom('confirmations').select(['kind', 'user_id', 'payload', 'used_at']).where('id', '=', input.id).executeTakeFirst();
  if (Number(claimed.numUpdatedRows) === 1 && row) return JSON.parse(row.payload) as P;
  throw refusal(row, input);
}

/** Cancels a pending confirmation of this user (the "Cancel" button). Returns false if there was nothing to cancel. */
export async function cancelConfirmation(db: Db, input: Omit<RedeemConfirmationInput, 'kind'>): Promise<boolean> {
  const result = await db
    .updateTable('confirmations')
    .set({ used_at: input.now })
    .where('id', '=', input.id).where('user_id', '=', input.userId).where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
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

import type { Deps } from '../../app/deps';
import { confirmerId, issueConfirmation, redeemConfirmation } from '../../app/confirmations';
import type { AdaptiveCard, Turn } from '../../app/turn';
import { guid } from '../diagnose/action-params';
import { confirmCard } from '../diagnose/confirm.card';
import { DIAGNOSE_VERBS } from '../diagnose/verbs';

/**
 * The confirmations of the access and licence changes (src/app/confirmations.ts): the plan is stored bound to
 * the caller, single use and expiring; only its id travels on the card, so a forwarded card grants nothing.
 */
export async function askToConfirm<P>(turn: Turn, deps: Deps, kind: string, payload: P, question: { title: string; text: string }, confirm: { title: string; verb: string }): Promise<AdaptiveCard> {
  const expiresInMinutes = deps.config.confirmationTtlMinutes;
  const confirmationId = await issueConfirmation<P>(deps.db, { kind, userId: confirmerId(turn), payload, ttlMs: expiresInMinutes * 60_000, now: deps.now() });
  return confirmCard({ ...question, confirmTitle: confirm.title, confirmVerb: confirm.verb, cancelVerb: DIAGNOSE_VERBS.cancel, confirmationId, expiresInMinutes });
}

/** The stored plan, once, for the person it was issued to. */
export function redeemPlan<P>(turn: Turn, deps: Deps, kind: string, confirmationId: string): Promise<P> {
  return redeemConfirmation<P>(deps.db, { id: confirmationId, kind, userId: confirmerId(turn), now: deps.now() });
}

/** Who did it, for the audit trail. */
export const actorOf = (turn: Turn): { aadObjectId: string | null; name: string } => ({ aadObjectId: turn.caller.aadObjectId ?? null, name: turn.caller.name });

/** A Confirm button's data: the confirmation id, nothing else. */
export const parseConfirmationId = (data: Record<string, unknown>): { confirmationId: string } => ({ confirmationId: guid(data, 'confirmationId', 'confirmation') });

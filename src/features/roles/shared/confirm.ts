import type { Deps } from '../../../app/deps';
import { cancelConfirmation, confirmerId, issueConfirmation, redeemConfirmation } from '../../../app/confirmations';
import type { CardAction } from '../../../app/routes';
import type { AdaptiveCard, Turn } from '../../../app/turn';
import { guid } from '../../diagnose/action-params';
import { confirmCard } from '../../diagnose/confirm.card';

/** The cancel button of every confirmation of the roles, business-unit and group-team commands. */
export const CANCEL_VERB = 'roles.cancel';

export interface Question {
  title: string;
  text: string;
}

/** Stores `payload` as a confirmation bound to the caller (single use, expiring) and builds its card. */
export async function confirmationCard<P>(turn: Turn, deps: Deps, kind: string, payload: P, question: Question, confirm: { title: string; verb: string }): Promise<AdaptiveCard> {
  const ttlMinutes = deps.config.confirmationTtlMinutes;
  const confirmationId = await issueConfirmation<P>(deps.db, { kind, userId: confirmerId(turn), payload, ttlMs: ttlMinutes * 60_000, now: deps.now() });
  return confirmCard({ ...question, confirmTitle: confirm.title, confirmVerb: confirm.verb, cancelVerb: CANCEL_VERB, confirmationId, expiresInMinutes: ttlMinutes });
}

export const parseConfirmation = (data: Record<string, unknown>): { confirmationId: string } => ({ confirmationId: guid(data, 'confirmationId', 'confirmation') });

/** The stored payload, once, for the person it was issued to (a forwarded card grants nothing). */
export function redeem<P>(turn: Turn, deps: Deps, kind: string, confirmationId: string): Promise<P> {
  return redeemConfirmation<P>(deps.db, { id: confirmationId, kind, userId: confirmerId(turn), now: deps.now() });
}

export const cancelAction: CardAction<{ confirmationId: string }> = {
  verb: CANCEL_VERB,
  access: 'admin',
  parse: parseConfirmation,
  async run(turn, { confirmationId }, deps) {
    const cancelled = await cancelConfirmation(deps.db, { id: confirmationId, userId: confirmerId(turn), now: deps.now() });
    return { text: cancelled ? 'Cancelled. Nothing was changed.' : 'There was nothing left to cancel.' };
  },
};

/** Who did it, for the audit trail. */
export const actorOf = (turn: Turn): { aadObjectId: string | null; name: string } => ({ aadObjectId: turn.caller.aadObjectId ?? null, name: turn.caller.name });

import type { Deps } from '../../../app/deps';
import { cancelConfirmation, confirmerId, issueConfirmation, redeemConfirmation } from '../../../app/confirmations';
import type { CardAction } from '../../../app/routes';
import type { AdaptiveCard, Turn } from '../../../app/turn';
import { guid } from '../../diagnose/action-params';
import { confirmCard } from '../../diagnose/confirm.card';
import { replyAnswer, type Answer } from './answer';

/** The cancel button of every confirmation of the roles, business-unit, group-team, access, licence and app-sharing changes. */
export const CANCEL_VERB = 'roles.cancel';

export interface Question {
  title: string;
  text: string;
}

/** A change worked out and not made: a sentence when there is nothing to confirm, else the plan and its question. */
export type Planned<P> = { kind: 'answer'; answer: Answer } | { kind: 'ready'; plan: P; question: Question };

/** The stored confirmation a card's Confirm button carries (only its id travels). */
export interface Issued {
  confirmationId: string;
  expiresInMinutes: number;
}

/**
 * A command's reply to a planned change: the sentence, or the plan stored as a confirmation bound to the
 * caller (single use, expiring) and the card `card` builds for it.
 */
export async function answerOrConfirm<P>(turn: Turn, deps: Deps, outcome: Planned<P>, kind: string, card: (plan: P, question: Question, issued: Issued) => AdaptiveCard): Promise<void> {
  if (outcome.kind === 'answer') {
    await replyAnswer(turn, outcome.answer);
    return;
  }
  await turn.replyCard(card(outcome.plan, outcome.question, await issue(turn, deps, kind, outcome.plan)));
}

async function issue<P>(turn: Turn, deps: Deps, kind: string, payload: P): Promise<Issued> {
  const expiresInMinutes = deps.config.confirmationTtlMinutes;
  return { confirmationId: await issueConfirmation<P>(deps.db, { kind, userId: confirmerId(turn), payload, ttlMs: expiresInMinutes * 60_000, now: deps.now() }), expiresInMinutes };
}

/** Stores `payload` as a confirmation bound to the caller (single use, expiring) and builds its plain confirm card. */
export async function confirmationCard<P>(turn: Turn, deps: Deps, kind: string, payload: P, question: Question, confirm: { title: string; verb: string }): Promise<AdaptiveCard> {
  return confirmWith(confirm.title, confirm.verb)(payload, question, await issue(turn, deps, kind, payload));
}

/** The plain confirm card: the question, Confirm (titled `title`, verb `verb`) and Cancel. */
export const confirmWith = (title: string, verb: string) => (_plan: unknown, question: Question, issued: Issued): AdaptiveCard =>
  confirmCard({ ...question, ...issued, confirmTitle: title, confirmVerb: verb, cancelVerb: CANCEL_VERB });

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

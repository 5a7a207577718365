import type { AdaptiveCard } from '../app/turn';

/** Marks an action's data: only the person who asked may press it (their confirmation is bound to them). */
export const REQUESTER_ONLY = 'requesterOnly';

export interface RequesterOnlyOptions {
  /** The requester's Teams user id (29:…): the one client that refreshes to the full card. */
  requesterId: string | undefined;
  requesterName: string;
  /** The Universal Actions refresh: a card verb whose handler answers with the card as it stands. */
  refresh: { verb: string; data: Record<string, unknown> };
}

type Json = Record<string, unknown>;

const isRequesterOnly = (action: unknown): boolean =>
  typeof action === 'object' && action !== null && ((action as Json).data as Json | undefined)?.[REQUESTER_ONLY] === true;

function withoutRequesterOnly(node: unknown): unknown {
  if (Array.isArray(node)) return node.filter((item) => !isRequesterOnly(item)).map(withoutRequesterOnly);
  if (typeof node !== 'object' || node === null) return node;
  return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, withoutRequesterOnly(value)]));
}

/**
 * A card whose buttons only the requester may press, for group chats and channels (Universal Actions):
 * everyone gets `readOnly` (the same card without those buttons, saying whose they are), and the
 * requester's Teams client refreshes it (`refresh.userIds`) into `content`, the full card. In a personal
 * chat, and as an invoke answer, `content` is sent. Without the requester's Teams id the card stays as it is.
 */
export function requesterOnly(card: AdaptiveCard, options: RequesterOnlyOptions): AdaptiveCard {
  if (!options.requesterId) return card;
  const action = { type: 'Action.Execute', verb: options.refresh.verb, data: { ...options.refresh.data, verb: options.refresh.verb } };
  const refresh = { action, userIds: [options.requesterId] };
  const full = { ...card.content, refresh };
  const stripped = withoutRequesterOnly(card.content) as Json;
  const note = { type: 'TextBlock', text: `Only ${options.requesterName} can use this card's buttons; they see them here.`, isSubtle: true, size: 'Small', wrap: true };
  const readOnly: Json = { ...stripped, body: [...((stripped.body as unknown[] | undefined) ?? []), note], refresh };
  if (Array.isArray(readOnly.actions) && readOnly.actions.length === 0) delete readOnly.actions;
  return { content: full, readOnly };
}

/** What a conversation gets: the read-only view in group chats and channels, the full card elsewhere. */
export function cardFor(card: AdaptiveCard, conversationType: string | undefined): Json {
  const shared = conversationType === 'groupChat' || conversationType === 'channel';
  return shared && card.readOnly ? card.readOnly : card.content;
}

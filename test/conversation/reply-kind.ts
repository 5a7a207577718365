/**
 * What kind of answer a turn got, read from what the bot sent (a person would tell them apart the same way):
 * - `decline`: a card that says what the bot can't do ("I can't …") and where it is done: an admin-site
 *   link the bot built, a PowerShell / pac command, or the IT service desk;
 * - `question`: the bot asks something: a card with choice buttons or a drop-down (a dialog question,
 *   "Did you mean", a choice of people or environments), or a question waiting for a typed answer;
 * - `not-understood`: the generic "I didn't understand";
 * - `action`: anything else the bot answered with (a diagnosis, a preview, a list, help, a change made).
 */
import type { Activity } from 'botbuilder';
import { cardOf, cardStrings, messagesOf } from '../helpers/bot-harness';

export type ReplyKind = 'action' | 'question' | 'decline' | 'not-understood';

export interface ReadReply {
  kind: ReplyKind;
  /** Every text of every message and card of the turn, joined by newlines. */
  text: string;
  /** Titles of the buttons offered. */
  buttons: string[];
  /** Links in the cards' text (Markdown `[name](url)`). */
  links: string[];
}

type Json = Record<string, unknown>;

function walk(node: unknown, visit: (obj: Json) => void): void {
  if (Array.isArray(node)) node.forEach((n) => walk(n, visit));
  else if (node && typeof node === 'object') {
    visit(node as Json);
    Object.values(node as Json).forEach((v) => walk(v, visit));
  }
}

function buttonsOf(card: Json | undefined): string[] {
  const titles: string[] = [];
  walk(card, (obj) => {
    if ((obj.type === 'Action.Execute' || obj.type === 'Action.Submit') && typeof obj.title === 'string') titles.push(obj.title);
  });
  // An Action.Execute and its Action.Submit fallback are one button.
  return titles.filter((t, i) => titles.indexOf(t) === i);
}

const hasChoiceInput = (card: Json): boolean => {
  let found = false;
  walk(card, (obj) => {
    if (obj.type === 'Input.ChoiceSet') found = true;
  });
  return found;
};

const DECLINE_LEAD = /^(?:I can't|I check access to environments, not)/m;
const DECLINE_PLACE = /\]\(https:\/\/[^)]+\)|^(?:pac |Set-|New-|Get-)|IT service desk/m;
/** A card's first line asks ("Which environment …?", "Did you mean …"). */
const ASKS = /\?\s*$|Did you mean|Which one|what should I do there/;
/** Buttons that answer a question rather than act on a result. */
const CHOICE_VERBS = new Set(['dialog.answer', 'command.run', 'sync.choose']);

function leadOf(card: Json): string {
  let lead: string | null = null;
  walk(card.body, (obj) => {
    if (lead === null && (obj.type === 'TextBlock' || obj.type === 'TextRun') && typeof obj.text === 'string') lead = obj.text;
  });
  return lead ?? '';
}

function verbsOf(card: Json): string[] {
  const verbs: string[] = [];
  walk(card, (obj) => {
    const data = obj.data as Json | undefined;
    if ((obj.type === 'Action.Execute' || obj.type === 'Action.Submit') && typeof data?.verb === 'string') verbs.push(data.verb);
  });
  return verbs;
}

/** A card that asks: a choice to make (a drop-down, or choice buttons under a question), or a question waiting for typed text. */
function asks(card: Json): boolean {
  if (hasChoiceInput(card)) return true;
  const lead = leadOf(card);
  const verbs = verbsOf(card);
  if (verbs.length > 0 && verbs.every((v) => CHOICE_VERBS.has(v)) && ASKS.test(lead)) return true;
  return verbs.length === 0 && ASKS.test(lead) && /Type \*\*cancel\*\* to stop/.test(cardStrings(card));
}

export function readReply(activities: Partial<Activity>[]): ReadReply {
  const messages = messagesOf(activities);
  const cards = messages.map(cardOf).filter((c): c is Json => c !== undefined);
  const text = messages.map((m) => [m.text ?? '', cardStrings(cardOf(m))].join('\n')).join('\n').trim();
  const buttons = cards.flatMap(buttonsOf);
  const links = [...text.matchAll(/\]\((https:\/\/[^)]+)\)/g)].map((m) => m[1] ?? '');
  const kind: ReplyKind = /I didn't understand/.test(text)
    ? 'not-understood'
    : DECLINE_LEAD.test(text) && DECLINE_PLACE.test(text)
      ? 'decline'
      : cards.some(asks)
        ? 'question'
        : 'action';
  return { kind, text, buttons, links };
}

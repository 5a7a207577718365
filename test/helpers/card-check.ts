import { createRequire } from 'node:module';
import { isDeepStrictEqual } from 'node:util';
import type * as ACTypes from 'adaptivecards';
import { AA_CONTRAST, contrastRatio, TEAMS_THEMES, type ContainerStyle, type TextColour } from '../../src/cards/teams-themes';

// The package's main entry is an ESM build that Node and Jest cannot load; the UMD bundle works.
const AC = createRequire(__filename)('adaptivecards/dist/adaptivecards.js') as typeof ACTypes;

export type CardLike = { content: Record<string, unknown> } | Record<string, unknown>;
type Json = Record<string, unknown>;

/** Teams counts message size in UTF-16 and recommends staying at or under 80 KB. */
export const MAX_CARD_BYTES = 80 * 1024;
const PALETTE = ['default', 'dark', 'light', 'accent', 'good', 'warning', 'attention'];
const COLOUR_LITERAL = /^(#[0-9a-f]{3,8}|rgba?\(.*\)|hsla?\(.*\))$/i;
const VISIBLE_KEYS = new Set(['text', 'title', 'label', 'placeholder', 'value']);
const TEXT_KEYS = new Set([...VISIBLE_KEYS, 'altText', 'fallbackText', 'speak', 'errorMessage']);

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The card JSON itself, whether given as `{ content }` (our AdaptiveCard) or as the raw card. */
export function cardJson(card: CardLike): Json {
  const raw = card as Json;
  return raw.type !== 'AdaptiveCard' && isObject(raw.content) ? raw.content : raw;
}

/** Payload size the way Teams measures it: two bytes per UTF-16 code unit of the JSON. */
export function cardPayloadBytes(card: CardLike): number {
  return JSON.stringify(cardJson(card)).length * 2;
}

function walk(node: unknown, path: string, visit: (obj: Json, path: string) => void): void {
  if (Array.isArray(node)) node.forEach((item, i) => walk(item, `${path}[${i}]`, visit));
  else if (isObject(node)) {
    visit(node, path);
    for (const [key, value] of Object.entries(node)) walk(value, `${path}.${key}`, visit);
  }
}

function libraryProblems(json: Json): string[] {
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  card.parse(json, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) {
    const e = context.getEventAt(i);
    problems.push(`parse: ${AC.ValidationEvent[e.event]}: ${e.message}`);
  }
  for (const e of card.validateProperties().validationEvents) {
    problems.push(`validation: ${AC.ValidationEvent[e.event]}: ${e.message}`);
  }
  return problems;
}

function executeProblems(obj: Json, path: string): string[] {
  // A Universal Actions refresh is sent by the client, never shown as a button: it needs no fallback.
  if (obj.type !== 'Action.Execute' || path.endsWith('.refresh.action')) return [];
  const where = `${path} (Action.Execute "${String(obj.title ?? '')}")`;
  if (typeof obj.verb !== 'string' || obj.verb === '') return [`${where} has no verb`];
  const fallback = obj.fallback;
  if (!isObject(fallback) || fallback.type !== 'Action.Submit') return [`${where} needs a fallback of type Action.Submit`];
  const expected = { ...(isObject(obj.data) ? obj.data : {}), verb: obj.verb };
  return isDeepStrictEqual(fallback.data, expected)
    ? []
    : [`${where}: fallback data ${JSON.stringify(fallback.data)} should be ${JSON.stringify(expected)}`];
}

function themeProblems(obj: Json, path: string): string[] {
  const problems: string[] = [];
  if (obj.color !== undefined && !PALETTE.includes(String(obj.color).toLowerCase())) {
    problems.push(`${path}.color "${String(obj.color)}" is not a palette colour (${PALETTE.join('/')})`);
  }
  if (obj.backgroundImage !== undefined) problems.push(`${path}.backgroundImage breaks light/dark/high-contrast themes`);
  for (const [key, value] of Object.entries(obj)) {
    if (!TEXT_KEYS.has(key) && key !== 'data' && typeof value === 'string' && COLOUR_LITERAL.test(value.trim())) {
      problems.push(`${path}.${key} hard-codes the colour "${value}"`);
    }
  }
  return problems;
}

const CONTAINER_STYLES = new Set<string>(['default', 'emphasis', 'accent', 'good', 'attention', 'warning']);
const TEXT_COLOURS = new Set<string>(['default', 'dark', 'light', 'accent', 'good', 'warning', 'attention']);
/** Elements whose `style` is a container style (a background); an Action's or an Input's `style` is something else. */
const STYLED_CONTAINERS = new Set(['AdaptiveCard', 'Container', 'Column', 'ColumnSet', 'TableCell', 'Table']);

/** What a text element shows and how: its words, colour and subtlety (FactSet rows and Input labels use the default colour). */
function textsOf(obj: Json): { text: string; colour: string; subtle: boolean }[] {
  const colour = String(obj.color ?? 'default').toLowerCase();
  const subtle = obj.isSubtle === true;
  if ((obj.type === 'TextBlock' || obj.type === 'TextRun') && typeof obj.text === 'string') return [{ text: obj.text, colour, subtle }];
  if (obj.type === 'FactSet' && Array.isArray(obj.facts)) {
    return (obj.facts as Json[]).flatMap((f) => [String(f.title ?? ''), String(f.value ?? '')]).map((text) => ({ text, colour: 'default', subtle: false }));
  }
  return [];
}

/**
 * Text below WCAG AA contrast (4.5:1) on its container's background, in any of the Teams light,
 * dark and high-contrast themes (src/cards/teams-themes.ts): `Warning` text on white, yellow on a
 * warning container, `Attention` on the dark theme's background…
 */
export function contrastProblems(card: CardLike): string[] {
  const problems: string[] = [];
  const visit = (node: unknown, path: string, style: ContainerStyle): void => {
    if (Array.isArray(node)) {
      node.forEach((item, i) => visit(item, `${path}[${i}]`, style));
      return;
    }
    if (!isObject(node)) return;
    const own = typeof node.style === 'string' && STYLED_CONTAINERS.has(String(node.type)) ? node.style.toLowerCase() : null;
    const here = own && CONTAINER_STYLES.has(own) ? (own as ContainerStyle) : style;
    for (const { text, colour, subtle } of textsOf(node)) {
      if (!TEXT_COLOURS.has(colour) || text.trim() === '') continue;
      for (const theme of Object.values(TEAMS_THEMES)) {
        const container = theme.containers[here];
        const shade = container.text[colour as TextColour];
        const ratio = contrastRatio(subtle ? shade.subtle : shade.default, container.background);
        if (ratio < AA_CONTRAST) {
          problems.push(`${path}: "${text.slice(0, 40)}" in ${subtle ? 'subtle ' : ''}${colour} on a ${here} container has contrast ${ratio.toFixed(2)} in the Teams ${theme.name} theme (AA needs ${AA_CONTRAST})`);
        }
      }
    }
    for (const [key, value] of Object.entries(node)) {
      if (key !== 'fallback' && key !== 'data') visit(value, `${path}.${key}`, here);
    }
  };
  visit(cardJson(card), '$', 'default');
  return problems;
}

/** The narrowest width Teams gives a card's content (a phone in portrait, after the card's padding), in pixels. */
export const NARROWEST_CARD_PX = 300;
const COLUMN_GAP_PX = 8;

/** A word's width in pixels, roughly: Segoe UI at 14 px averages under 8 px a character (bold a little more), an emoji 20. */
function wordWidth(word: string, bold: boolean, small: boolean): number {
  const perChar = (small ? 6.5 : 7.5) * (bold ? 1.07 : 1);
  return [...word].reduce((sum, c) => sum + (/\p{Extended_Pictographic}/u.test(c) ? 20 : perChar), 0);
}

/** The longest word of each text in a column (markup and escapes removed), with its width. */
function longestWord(column: Json): { word: string; px: number } {
  let best = { word: '', px: 0 };
  walk(column, '', (obj) => {
    const texts = obj.type === 'TextBlock' && typeof obj.text === 'string' ? [obj.text] : obj.type === 'FactSet' && Array.isArray(obj.facts) ? (obj.facts as Json[]).map((f) => `${String(f.title)} ${String(f.value)}`) : [];
    for (const text of texts) {
      // Browsers break lines at spaces and after hyphens and slashes.
      for (const word of text.replace(/\\(.)/g, '$1').replace(/\*\*|__|\u200b/g, '').split(/\s+|(?<=[-/])/)) {
        const px = wordWidth(word, obj.weight === 'Bolder' || text.includes('**'), obj.size === 'Small');
        if (px > best.px) best = { word, px };
      }
    }
  });
  return best;
}

/**
 * Columns too narrow for their words, on the narrowest card Teams shows (NARROWEST_CARD_PX): a table of
 * five weighted columns breaks "Dataverse" into "Datavers/e". Auto columns take their longest word;
 * weighted and stretch columns share what is left. A rough measure (average glyph widths), on purpose
 * on the safe side.
 */
export function narrowColumnProblems(card: CardLike): string[] {
  const problems: string[] = [];
  walk(cardJson(card), '$', (obj, path) => {
    if (obj.type !== 'ColumnSet' || !Array.isArray(obj.columns)) return;
    const columns = (obj.columns as Json[]).map((c) => ({ column: c, width: c.width ?? 'stretch', longest: longestWord(c) }));
    const fixed = columns.reduce((sum, c) => sum + (c.width === 'auto' ? c.longest.px : typeof c.width === 'string' && c.width.endsWith('px') ? Number.parseInt(c.width, 10) : 0), 0);
    const weight = (w: unknown) => (w === 'stretch' ? 1 : typeof w === 'number' ? w : 0);
    const weights = columns.reduce((sum, c) => sum + weight(c.width), 0);
    const left = NARROWEST_CARD_PX - fixed - COLUMN_GAP_PX * (columns.length - 1);
    columns.forEach((c, i) => {
      if (weight(c.width) === 0) return;
      const px = (left * weight(c.width)) / weights;
      // A word wider than the whole card breaks wherever it is shown: not the table's doing.
      if (c.longest.px > px && c.longest.px <= NARROWEST_CARD_PX) problems.push(`${path}.columns[${i}]: "${c.longest.word}" needs about ${Math.round(c.longest.px)} px but its column gets ${Math.round(px)} px of a ${NARROWEST_CARD_PX} px card (it breaks mid-word)`);
    });
  });
  return problems;
}

function leftoverBindings(node: unknown, path: string, out: string[]): void {
  if (typeof node === 'string') {
    if (node.includes('${')) out.push(`${path} still contains a template binding: "${node.slice(0, 80)}"`);
  } else if (Array.isArray(node)) node.forEach((item, i) => leftoverBindings(item, `${path}[${i}]`, out));
  else if (isObject(node)) {
    for (const [key, value] of Object.entries(node)) {
      if (key.includes('${')) out.push(`${path} has a key with a template binding: "${key}"`);
      leftoverBindings(value, `${path}.${key}`, out);
    }
  }
}

/** Every problem that would make Teams reject or mis-render the card; empty when it is fine. */
export function cardProblems(card: CardLike): string[] {
  const json = cardJson(card);
  const problems: string[] = [];
  if (json.type !== 'AdaptiveCard') problems.push(`type is ${JSON.stringify(json.type)}, expected "AdaptiveCard"`);
  if (json.version !== '1.5') problems.push(`version is ${JSON.stringify(json.version)}, expected "1.5" (the Teams maximum)`);
  leftoverBindings(json, '$', problems);
  const bytes = cardPayloadBytes(json);
  if (bytes >= MAX_CARD_BYTES) problems.push(`payload is ${bytes} bytes (UTF-16), must stay under ${MAX_CARD_BYTES}`);
  walk(json, '$', (obj, path) => problems.push(...executeProblems(obj, path), ...themeProblems(obj, path)));
  problems.push(...contrastProblems(json), ...narrowColumnProblems(json));
  problems.push(...libraryProblems(json));
  return problems;
}

/** Throws with a readable list of every problem (see cardProblems). */
export function expectValidCard(card: CardLike): void {
  const problems = cardProblems(card);
  if (problems.length > 0) {
    throw new Error(`Adaptive Card is not valid for Teams (${problems.length} problem(s)):\n  - ${problems.join('\n  - ')}`);
  }
}

function collectText(node: unknown, parentKey: string, out: string[]): void {
  if (Array.isArray(node)) {
    for (const item of node) collectText(item, parentKey, out);
    return;
  }
  if (!isObject(node)) return;
  const isInput = typeof node.type === 'string' && node.type.startsWith('Input.');
  for (const [key, value] of Object.entries(node)) {
    if (key === 'fallback' || key === 'data' || key === 'msteams') continue;
    if (typeof value === 'string' && VISIBLE_KEYS.has(key)) {
      const visibleValue = parentKey === 'facts' || (isInput && node.type !== 'Input.ChoiceSet' && node.type !== 'Input.Toggle');
      if (key !== 'value' || visibleValue) out.push(value);
    } else if (typeof value === 'object') collectText(value, key, out);
  }
}

/** All text a user would see on the card (text blocks, facts, inputs, choices, buttons), one piece per line. */
export function cardText(card: CardLike): string {
  const out: string[] = [];
  collectText(cardJson(card), '', out);
  return out.join('\n');
}

/**
 * Text as a CommonMark renderer shows it: a backslash before ASCII punctuation (how inert() keeps
 * people's text from rendering as markup) disappears. For "the card reads …" assertions.
 */
export function asShown(text: string): string {
  return text.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

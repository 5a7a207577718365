import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Template } from 'adaptivecards-templating';
import type { AdaptiveCard } from '../app/turn';
import { AppError } from '../errors';

/** Folder holding the `cards/<name>.json` templates (repo root, also when running from dist/). */
export const CARDS_DIR = resolve(__dirname, '..', '..', 'cards');

const templates = new Map<string, Template>();
const NAME = /^[a-z0-9][a-z0-9-]*$/;
// A zero-width space after `$` keeps text from people and tenants (a group called "${x}") from
// looking like an unexpanded binding, without changing what anyone sees.
const NEUTRALISED = '$\u200b{';

function loadTemplate(name: string): Template {
  const cached = templates.get(name);
  if (cached) return cached;
  if (!NAME.test(name)) throw new AppError('internal', 'Something went wrong.', { message: `Invalid card template name "${name}"` });
  const json: unknown = JSON.parse(readFileSync(resolve(CARDS_DIR, `${name}.json`), 'utf8'));
  const template = new Template(json);
  templates.set(name, template);
  return template;
}

function neutralise(value: unknown): unknown {
  if (typeof value === 'string') return value.split('${').join(NEUTRALISED);
  if (Array.isArray(value)) return value.map(neutralise);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, neutralise(v)]));
  }
  return value;
}

/**
 * Expands `cards/<templateName>.json` (Adaptive Card 1.5, adaptivecards-templating) with `data` as `$root`.
 * Throws when a binding is left unexpanded, which is how the templating library reports missing data.
 */
export function renderCard(templateName: string, data: object): AdaptiveCard {
  const expanded: unknown = loadTemplate(templateName).expand({ $root: neutralise(data) });
  const text = JSON.stringify(expanded);
  const leftover = /\$\{[^}]*\}/.exec(text);
  if (leftover || typeof expanded !== 'object' || expanded === null || Array.isArray(expanded)) {
    throw new AppError('internal', 'Something went wrong.', {
      message: `Card "${templateName}" has unexpanded binding ${leftover?.[0] ?? '(not an object)'}: missing data`,
    });
  }
  return { content: expanded as Record<string, unknown> };
}

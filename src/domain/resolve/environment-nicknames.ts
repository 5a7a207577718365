import { typoDistance } from '../../app/text';
import type { Environment, EnvironmentSku } from '../../gateways/types';
import { fold } from './resolution';

/** Words people use for an environment's type instead of its name: "prod", "the finance sandbox". */
const TYPE_WORDS: Readonly<Record<string, EnvironmentSku>> = {
  prod: 'Production', prd: 'Production', production: 'Production', live: 'Production',
  sandbox: 'Sandbox', sbx: 'Sandbox', sandpit: 'Sandbox',
  dev: 'Developer', developer: 'Developer',
  trial: 'Trial',
  default: 'Default',
  teams: 'Teams',
};

/** Words that say nothing about which environment: "the", "our", "env", "instance"… */
const FILLER = new Set(['the', 'our', 'my', 'a', 'an', 'env', 'envs', 'environment', 'instance', 'org', 'one', 'in', 'for']);

const NAME_SEPARATORS = /[\s()\-–,/]+/;
/** A query word this short only counts as the start of a name word ("fin" for "Finance"), never as a typo. */
const MIN_PREFIX = 2;

type Fit = 'name' | 'type' | null;

function fit(word: string, nameWords: readonly string[], sku: EnvironmentSku): Fit {
  if (nameWords.some((w) => w.startsWith(word) && word.length >= MIN_PREFIX)) return 'name';
  if (word.length >= 4 && nameWords.some((w) => typoDistance(word, w) <= 1)) return 'name';
  return TYPE_WORDS[word] === sku ? 'type' : null;
}

/**
 * Environments a nickname may mean, best first: every word of the query is the start of a word of
 * the name ("prod" → "Contoso Production"), one typo away from it, or the environment's type
 * ("the finance sandbox" → the Sandbox environments with "finance" in their name). Matches by name
 * come before matches by type. These are suggestions to confirm, never a silent pick.
 */
export function nicknameMatches(query: string, environments: readonly Environment[]): Environment[] {
  const words = fold(query).split(/\s+/).filter((w) => w !== '' && !FILLER.has(w));
  if (words.length === 0) return [];
  const scored = environments.flatMap((environment) => {
    const nameWords = fold(environment.displayName).split(NAME_SEPARATORS).filter((w) => w !== '');
    const fits = words.map((word) => fit(word, nameWords, environment.sku));
    if (fits.some((f) => f === null)) return [];
    return [{ environment, byType: fits.filter((f) => f === 'type').length }];
  });
  return scored.sort((a, b) => a.byType - b.byType).map((s) => s.environment);
}

import type { Environment } from '../../gateways/types';

/** "I can't find an environment called …", with the nearest names or a pointer to the list. */
export function environmentNotFound(typed: string, suggestions: readonly Environment[]): string {
  const hint = suggestions.length > 0 ? ` Did you mean ${suggestions.map((e) => e.displayName).join(', ')}?` : ' Type **environments** to see them all.';
  return `I can't find an environment called "${typed}".${hint}`;
}

/** The words for an environment that cannot take a sync at all. */
export const noDataverse = (environment: Environment): string =>
  `${environment.displayName} has no Dataverse database, so nobody can be synced into it.`;

import type { AdaptiveCard } from '../../app/turn';
import type { DirectoryUser, Environment } from '../../gateways/types';
import { chooseEnvironmentCard, chooseUserCard } from './choice.card';
import { diagnosisCard, type DiagnosisCardOptions } from './diagnosis.card';
import { matrixCard } from './matrix.card';
import type { DiagnoseOutcome } from './run-diagnosis';

const personLabel = (u: DirectoryUser) => `${u.displayName} (${u.userPrincipalName})`;
const envLabel = (e: Environment) => e.displayName;

/** Turns the outcome of a diagnosis into what the person sees: a card, or a sentence when nothing matched. */
export function presentOutcome(outcome: DiagnoseOutcome, options: DiagnosisCardOptions = {}): { card: AdaptiveCard } | { text: string } {
  switch (outcome.kind) {
    case 'diagnosis':
      return { card: diagnosisCard(outcome.diagnosis, options) };
    case 'everywhere':
      return { card: matrixCard(outcome.user, outcome.rows) };
    case 'choose-user':
      return { card: chooseUserCard(outcome.request.user, outcome.candidates, outcome.more, outcome.request.environment, outcome.request.everywhere) };
    case 'choose-environment': {
      const question =
        outcome.reason === 'no-default'
          ? `Which environment should I check ${outcome.user.displayName} in? (No default environment is configured.)`
          : `"${outcome.request.environment ?? ''}" matches several environments. Which one should I check ${outcome.user.displayName} in?`;
      return { card: chooseEnvironmentCard(outcome.user, question, outcome.candidates, outcome.more) };
    }
    case 'user-not-found': {
      const hint =
        outcome.suggestions.length > 0
          ? ` Did you mean ${outcome.suggestions.map(personLabel).join(', ')}?`
          : ' Check the spelling, or use their email address.';
      return { text: `I couldn't find anyone called "${outcome.request.user}".${hint}` };
    }
    case 'environment-not-found': {
      const hint = outcome.suggestions.length > 0 ? ` Did you mean ${outcome.suggestions.map(envLabel).join(', ')}?` : '';
      return { text: `There is no environment called "${outcome.query}".${hint} Type **environments** to see them all.` };
    }
  }
}

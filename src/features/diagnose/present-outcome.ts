import type { AdaptiveCard } from '../../app/turn';
import { subjectName } from '../../domain/access/subject';
import type { DirectoryUser, Environment } from '../../gateways/types';
import { chooseEnvironmentCard, chooseUserCard } from './choice.card';
import { diagnosisCard, type DiagnosisCardOptions } from './diagnosis.card';
import { matrixCard } from './matrix.card';
import type { DiagnoseOutcome } from './run-diagnosis';
import { diagnoseText } from './parse-diagnose';
import { inert } from '../../app/text';
import { suggestionsCard } from '../../app/understand/reply-cards';

const personLabel = (u: DirectoryUser) => `${u.displayName} (${u.userPrincipalName})`;
const envLabel = (e: Environment) => e.displayName;

/** Where the bot looked before saying "nobody": people, applications and deleted accounts (§13, §14). */
export const LOOKED_EVERYWHERE = 'no person, no application and no deleted account (Entra keeps deleted accounts for 30 days)';

/** Turns the outcome of a diagnosis into what the person sees: a card, or a sentence when nothing matched. */
export function presentOutcome(outcome: DiagnoseOutcome, options: DiagnosisCardOptions = {}): { card: AdaptiveCard } | { text: string } {
  switch (outcome.kind) {
    case 'diagnosis':
      return { card: diagnosisCard(outcome.diagnosis, options) };
    case 'everywhere':
      return { card: matrixCard(outcome.subject, outcome.rows) };
    case 'choose-user':
      return { card: chooseUserCard(outcome.request.user, outcome.candidates, outcome.more, outcome.request.environment, outcome.request.everywhere) };
    case 'choose-environment': {
      const name = subjectName(outcome.subject);
      const question =
        outcome.reason === 'no-default'
          ? `Which environment should I check ${name} in? (No default environment is configured.)`
          : `"${outcome.request.environment ?? ''}" matches several environments. Which one should I check ${name} in?`;
      return { card: chooseEnvironmentCard(outcome.subject, question, outcome.candidates, outcome.more) };
    }
    case 'user-not-found': {
      const unsearched = outcome.unsearched.length > 0 ? ` ${outcome.unsearched.join(' ')}` : '';
      const lead = `I couldn't find anyone called "${outcome.request.user}": ${LOOKED_EVERYWHERE}.${unsearched}`;
      if (outcome.suggestions.length > 0) {
        // Near names become buttons that run the same check for that person.
        const choices = outcome.suggestions.map((u) => ({ title: personLabel(u), text: diagnoseText({ ...outcome.request, user: u.userPrincipalName }) }));
        return { card: suggestionsCard(`${lead} Did you mean`, choices) };
      }
      return { text: `I couldn't find anyone called "${inert(outcome.request.user)}": ${LOOKED_EVERYWHERE}.${unsearched} Check the spelling, or use their email address.` };
    }
    case 'environment-not-found': {
      if (outcome.suggestions.length > 0) {
        const choices = outcome.suggestions.map((e) => ({ title: envLabel(e), text: diagnoseText({ ...outcome.request, environment: e.id, everywhere: false }) }));
        return { card: suggestionsCard(`There is no environment called "${outcome.query}". Did you mean`, choices) };
      }
      return { text: `There is no environment called "${inert(outcome.query)}". Type **environments** to see them all.` };
    }
  }
}

import type { AdaptiveCard } from '../../app/turn';
import { renderCard } from '../../cards/render';
import { severalMatch, subjectKey, subjectLabel, type Subject } from '../../domain/access/subject';
import type { Environment } from '../../gateways/types';
import { DIAGNOSE_VERBS } from './verbs';

const EVERYWHERE = '*';

function envChoice(env: Environment): { title: string; value: string } {
  return { title: `${env.displayName} (${env.sku}${env.dataverse ? '' : ', no Dataverse'})`, value: env.id };
}

/** Several people (or applications, or deleted accounts) match: pick one, then the same check runs. */
export function chooseUserView(query: string, candidates: readonly Subject[], more: boolean, environment: string | null, everywhere: boolean) {
  return {
    question: `${severalMatch(candidates)} "${query}". Which one?`,
    choices: candidates.map((c) => ({ title: subjectLabel(c), value: subjectKey(c) })),
    more,
    verb: DIAGNOSE_VERBS.check,
    data: { verb: DIAGNOSE_VERBS.check, ...(environment ? { environment } : {}), ...(everywhere ? { everywhere: true } : {}) },
  };
}

export const chooseUserCard = (...args: Parameters<typeof chooseUserView>): AdaptiveCard => renderCard('choose-user', chooseUserView(...args));

const EVERYWHERE_TITLE = 'Everywhere (every environment)';

/** Several environments match, or none was named and no default is configured: pick one, or check everywhere. */
export function chooseEnvironmentView(subject: Subject, question: string, candidates: readonly Environment[], more: boolean) {
  return {
    question,
    style: candidates.length > 4 ? 'compact' : 'expanded',
    choices: [...candidates.map(envChoice), { title: EVERYWHERE_TITLE, value: EVERYWHERE }],
    more,
    verb: DIAGNOSE_VERBS.check,
    data: { verb: DIAGNOSE_VERBS.check, user: subjectKey(subject) },
  };
}

export const chooseEnvironmentCard = (...args: Parameters<typeof chooseEnvironmentView>): AdaptiveCard => renderCard('choose-environment', chooseEnvironmentView(...args));

/** The card form: person (text), environment (choice, or everywhere), Check. */
export function diagnosisFormView(environments: readonly Environment[], defaultEnvironmentId: string | null) {
  return {
    selected: defaultEnvironmentId ?? EVERYWHERE,
    choices: [...environments.map(envChoice), { title: EVERYWHERE_TITLE, value: EVERYWHERE }],
    verb: DIAGNOSE_VERBS.check,
    data: { verb: DIAGNOSE_VERBS.check },
  };
}

export const diagnosisFormCard = (...args: Parameters<typeof diagnosisFormView>): AdaptiveCard => renderCard('diagnosis-form', diagnosisFormView(...args));

export const EVERYWHERE_CHOICE = EVERYWHERE;

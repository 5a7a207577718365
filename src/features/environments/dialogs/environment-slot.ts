import type { Deps } from '../../../app/deps';
import type { Question, QuestionChoice, Slot, SlotAnswer } from '../../../app/flows';
import { resolveEnvironment } from '../../../domain/resolve';
import { environmentReference } from '../../../domain/resolve/resolve-environment';
import { tenantCache } from '../../../gateways/tenant-cache';
import type { Environment } from '../../../gateways/types';
import { noDataverse } from '../environment-replies';

/** The answer "Everywhere" (every environment), where a flow offers it. */
export const EVERYWHERE = '*';
const SAYS_EVERYWHERE = /^(?:everywhere|all|all of them|every environment|all environments|any|anywhere)$/i;

export interface EnvironmentSlotOptions<R> {
  key: keyof R & string;
  question(request: Partial<R>): string;
  /** Only environments with a Dataverse database can be answered (sync, watch). */
  dataverseOnly: boolean;
  /** Offers "Everywhere", answered as EVERYWHERE. */
  everywhere?: boolean;
}

const choiceOf = (env: Environment): QuestionChoice => ({ title: env.displayName, value: env.id });

/** "Which environment?": a button per environment (a drop-down when there are many), names and nicknames typed. */
export function environmentSlot<R>(options: EnvironmentSlotOptions<R>): Slot<R> {
  async function environments(deps: Deps): Promise<Environment[]> {
    return tenantCache(deps).environments();
  }

  function ask(text: string, candidates: readonly Environment[], hint?: string): Question {
    const choices = candidates.map(choiceOf);
    return { text, choices: options.everywhere ? [...choices, { title: 'Everywhere', value: EVERYWHERE }] : choices, hint };
  }

  async function question(request: Partial<R>, deps: Deps): Promise<Question> {
    const all = await environments(deps);
    return ask(options.question(request), all.filter((e) => !options.dataverseOnly || e.dataverse));
  }

  return {
    key: options.key,
    kind: 'environment',
    missing: (request) => {
      const value = request[options.key];
      return typeof value !== 'string' || value.trim() === '';
    },
    question,
    async accept(answer, request, deps): Promise<SlotAnswer<R[keyof R & string]>> {
      const typed = answer.trim();
      const ok = (value: string) => ({ ok: true as const, value: value as R[keyof R & string] });
      if (options.everywhere && (typed === EVERYWHERE || SAYS_EVERYWHERE.test(typed))) return ok(EVERYWHERE);
      const all = await environments(deps);
      const usable = all.filter((e) => !options.dataverseOnly || e.dataverse);
      const again = async (lead: string) => ({ ok: false as const, retry: { ...(await question(request, deps)), text: `${lead} ${options.question(request)}` } });
      if (typed === '') return again("I didn't get an environment.");
      const found = resolveEnvironment(typed, all);
      if (found.kind === 'found') {
        if (options.dataverseOnly && !found.value.dataverse) return again(noDataverse(found.value));
        return ok(environmentReference(found.value, all));
      }
      const candidates = (found.kind === 'ambiguous' ? found.candidates : found.suggestions).filter((e) => usable.includes(e));
      // One environment a nickname fits ("prod" when only one is Production) is the answer; several are asked about.
      if (found.kind === 'not-found' && candidates.length === 1 && candidates[0]) return ok(environmentReference(candidates[0], all));
      if (candidates.length > 0) return { ok: false, retry: ask(`"${typed}" could be ${candidates.length} environments. Which one?`, candidates) };
      return again(`I can't find an environment called "${typed}".`);
    },
  };
}

import type { Deps } from '../../../app/deps';
import type { Question, Slot, SlotAnswer } from '../../../app/flows';
import { appNames, resolveApp, type AppName } from '../../../domain/resolve/resolve-app';
import { MAX_CANDIDATES } from '../../../domain/resolve';
import { tenantCache } from '../../../gateways/tenant-cache';
import { appCatalogue, knownApps } from '../app-catalogue';

export interface AppSlotOptions<R> {
  key: keyof R & string;
  question(request: Partial<R>): string;
}

const choice = (name: AppName) => ({ title: name.apps.length > 1 ? `${name.name} (${name.apps.length} environments)` : `${name.name} (${name.apps[0]?.environment.displayName ?? ''})`, value: name.name });

/** "Which app?": a button per app name the bot knows (every environment), names typed as every name resolves. */
export function appSlot<R>(options: AppSlotOptions<R>): Slot<R> {
  async function names(deps: Deps): Promise<AppName[]> {
    const lists = await appCatalogue(deps).all(await tenantCache(deps).environments());
    return appNames(knownApps(lists));
  }

  async function question(request: Partial<R>, deps: Deps, lead = ''): Promise<Question> {
    const all = await names(deps);
    return { text: `${lead}${options.question(request)}`, choices: all.slice(0, MAX_CANDIDATES).map(choice), hint: 'Or type the app\'s name.' };
  }

  return {
    key: options.key,
    kind: 'app',
    missing: (request) => {
      const value = request[options.key];
      return typeof value !== 'string' || value.trim() === '';
    },
    question: (request, deps) => question(request, deps),
    async accept(answer, request, deps): Promise<SlotAnswer<R[keyof R & string]>> {
      const lists = await appCatalogue(deps).all(await tenantCache(deps).environments());
      const found = resolveApp(answer, knownApps(lists));
      if (found.kind === 'found') return { ok: true, value: found.value.name as R[keyof R & string] };
      const candidates = found.kind === 'ambiguous' ? found.candidates : found.suggestions;
      if (candidates.length > 0) return { ok: false, retry: { text: `"${answer.trim()}" could be ${candidates.length} apps. Which one?`, choices: candidates.map(choice) } };
      return { ok: false, retry: await question(request, deps, `I can't find an app called "${answer.trim()}". `) };
    },
  };
}


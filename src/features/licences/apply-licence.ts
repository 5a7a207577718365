import type { Deps } from '../../app/deps';
import { GraphWriteError } from '../../gateways/graph/write-errors';
import { toAppError } from '../../errors';
import { answer, type Answer } from '../roles/shared/answer';
import { recordChange, type ChangeRecord } from '../roles/shared/record-change';
import { explainLicenceRefusal } from './licence-words';
import type { LicencePlan } from './plan-licence';

/** The chat command of the follow-up: a sync that keeps retrying `userNotLicensed` while the licence reaches Dataverse. */
export function syncWaitingCommand(personId: string, environmentId: string): string {
  return `sync ${personId} to ${environmentId} wait for licences`;
}

/**
 * Makes the confirmed fix (one Graph request): adds the person to the licensing group, or assigns the licence
 * directly. Writes the audit trail with names; Graph's refusals come back as sentences with the fix. On success,
 * offers "Sync now" with the licence wait on when an environment is known.
 */
export async function applyLicence(deps: Deps, plan: LicencePlan, context: Pick<ChangeRecord, 'actor' | 'conversation'>): Promise<{ ok: boolean; answer: Answer }> {
  const { person, fix, environment } = plan;
  const who = person.displayName;
  const product = fix.sku.product;
  const summary = fix.kind === 'group' ? `Add ${who} to the licensing group ${fix.groupName} (${product})` : `Assign ${who} a ${product} licence`;
  const record = (result: 'ok' | 'failed', code?: string) =>
    recordChange(deps, { ...context, what: fix.kind === 'group' ? 'licences.group' : 'licences.assign', summary, environment: environment?.displayName ?? '-', result, code });
  try {
    if (fix.kind === 'group') await deps.graph.addGroupMember(fix.groupId, person.id);
    else await deps.graph.assignLicence(person.id, [{ skuId: fix.sku.skuId, disabledPlans: [] }], []);
  } catch (error) {
    if (!(error instanceof GraphWriteError)) {
      await record('failed', toAppError(error).code);
      throw error;
    }
    await record('failed', error.refusal.code || String(error.refusal.status));
    return { ok: false, answer: answer(explainLicenceRefusal(error, who, product)) };
  }
  await record('ok');
  const done =
    fix.kind === 'group'
      ? `Done: ${who} is now a member of ${fix.groupName}. Entra assigns ${product} to new members shortly (group-based licensing), and Dataverse sees it some minutes after that.`
      : `Done: ${who} has a ${product} licence. Dataverse sees it some minutes from now.`;
  if (!environment) return { ok: true, answer: answer(`${done} Then sync ${who} into the environment they need, with "wait for licences".`) };
  return {
    ok: true,
    answer: answer(`${done} Sync ${who} into ${environment.displayName} now: the sync keeps retrying while the licence is on its way.`, [
      { title: `Sync ${who} to ${environment.displayName} (waits for the licence)`, command: syncWaitingCommand(person.id, environment.id) },
    ]),
  };
}

import type { Deps } from '../../app/deps';
import { DataverseWriteError } from '../../gateways/dataverse/write-errors';
import { roleChangeText, type RoleChangeRequest } from './parse-roles';
import { answer, type Answer } from './shared/answer';
import { findEnvironment, findPerson } from './shared/find-target';
import { copiesOf, copyIn, findRole, readCatalogue, unitName } from './shared/role-catalogue';
import { recordChange, type ChangeRecord } from './shared/record-change';
import { explainRefusal } from './shared/refusals';

/** Everything a confirmed change needs, with names for the card and the audit trail (stored with the confirmation). */
export interface RoleChangePlan {
  change: 'give' | 'remove';
  environment: { id: string; displayName: string; instanceUrl: string };
  person: { id: string; displayName: string; userPrincipalName: string; systemUserId: string };
  role: { rootRoleId: string; name: string };
  /** The role row written: the copy of the person's business unit (give) or the copy the person holds (remove). */
  copy: { roleId: string; businessUnitName: string };
}

export type PlanOutcome = { kind: 'answer'; answer: Answer } | { kind: 'ready'; plan: RoleChangePlan; question: { title: string; text: string } };

const said = (text: string, choices?: Answer['choices']): PlanOutcome => ({ kind: 'answer', answer: answer(text, choices) });

/**
 * Resolves environment, person and role (each as every name resolves), reads the person's row and the
 * environment's roles, and picks the role row Dataverse accepts: the copy of the person's business unit
 * (§9.2). Nothing is changed; a person who already has (or lacks) the role gets a sentence, not a plan.
 */
export async function planRoleChange(deps: Deps, request: RoleChangeRequest): Promise<PlanOutcome> {
  const env = await findEnvironment(deps, request.environment, (environment) => roleChangeText({ ...request, environment }));
  if (!env.ok) return { kind: 'answer', answer: env.answer };
  const environment = env.value;
  const person = await findPerson(deps, request.person, (id) => roleChangeText({ ...request, person: id, environment: environment.id }));
  if (!person.ok) return { kind: 'answer', answer: person.answer };
  const user = person.value;
  const instanceUrl = environment.dataverse.instanceUrl;
  const [catalogue, row] = await Promise.all([readCatalogue(deps, instanceUrl), deps.dataverse.findSystemUser(instanceUrl, user.id)]);
  const found = findRole(catalogue, request.role, environment.displayName, (role) => roleChangeText({ ...request, person: user.id, role, environment: environment.id }));
  if (!found.ok) return { kind: 'answer', answer: found.answer };
  const role = found.value;
  const who = user.displayName;
  if (!row) {
    if (request.change === 'remove') return said(`${who} isn't in ${environment.displayName}, so has no role there.`);
    return said(`${who} isn't in ${environment.displayName} yet, so Dataverse has nobody to give the role to. Sync ${who} with the role:`, [
      { title: `Sync ${who} to ${environment.displayName} as ${role.name}`, command: `sync ${user.id} to ${environment.id} as ${role.name}` },
    ]);
  }
  const copies = new Set(copiesOf(catalogue, role.rootRoleId).map((copy) => copy.roleId.toLowerCase()));
  const held = row.directRoles.find((r) => copies.has(r.roleId.toLowerCase()));
  const viaTeams = row.teams.filter((team) => team.roles.some((r) => copies.has(r.roleId.toLowerCase()))).map((team) => team.name);
  const teamNote = viaTeams.length > 0 ? ` ${who} also gets it through the team${viaTeams.length > 1 ? 's' : ''} ${viaTeams.join(', ')}.` : '';
  const base = { change: request.change, environment: { id: environment.id, displayName: environment.displayName, instanceUrl }, person: { id: user.id, displayName: who, userPrincipalName: user.userPrincipalName, systemUserId: row.systemUserId }, role: { rootRoleId: role.rootRoleId, name: role.name } };
  if (request.change === 'remove') {
    if (!held) {
      return said(viaTeams.length > 0
        ? `${who} doesn't have ${role.name} directly in ${environment.displayName}: it comes through the team${viaTeams.length > 1 ? 's' : ''} ${viaTeams.join(', ')}. Remove the role from the team, or take ${who} out of the team's group.`
        : `${who} doesn't have the ${role.name} role in ${environment.displayName}. Nothing to remove.`);
    }
    const plan: RoleChangePlan = { ...base, copy: { roleId: held.roleId, businessUnitName: unitName(catalogue, catalogue.roles.find((r) => r.roleId.toLowerCase() === held.roleId.toLowerCase())?.businessUnitId ?? '') } };
    return { kind: 'ready', plan, question: { title: `Remove ${role.name} from ${who} in ${environment.displayName}?`, text: `${who} (${user.userPrincipalName}) loses the ${role.name} role given directly in ${environment.displayName}.${teamNote} Roles through teams are not touched.` } };
  }
  if (held) return said(`${who} already has the ${role.name} role in ${environment.displayName}. Nothing to change.${teamNote}`);
  const unitId = row.businessUnitId ?? catalogue.root.businessUnitId;
  const copy = copyIn(catalogue, role.rootRoleId, unitId);
  if (!copy) return said(`The business unit ${unitName(catalogue, unitId)} of ${who} has no copy of ${role.name} in ${environment.displayName}, so Dataverse would refuse it.`);
  const unit = unitName(catalogue, unitId);
  const plan: RoleChangePlan = { ...base, copy: { roleId: copy.roleId, businessUnitName: unit } };
  const unitText = unitId.toLowerCase() === catalogue.root.businessUnitId.toLowerCase() ? '' : ` ${who} is in the business unit ${unit}, so this is ${unit}'s copy of the role.`;
  const disabled = row.isDisabled ? ` ${who}'s user in ${environment.displayName} is disabled: the role takes effect once it is enabled again.` : '';
  return { kind: 'ready', plan, question: { title: `Give ${who} the ${role.name} role in ${environment.displayName}?`, text: `${who} (${user.userPrincipalName}) gets the security role ${role.name} in ${environment.displayName}.${unitText}${teamNote}${disabled}` } };
}

export interface ChangeResult {
  ok: boolean;
  text: string;
}

/** Makes the confirmed change (one request) and writes it to the audit trail with names; Dataverse's refusals come back in plain words. */
export async function applyRoleChange(deps: Deps, plan: RoleChangePlan, context: Pick<ChangeRecord, 'actor' | 'conversation'>): Promise<ChangeResult> {
  const { environment, person, role, copy } = plan;
  const giving = plan.change === 'give';
  const summary = giving
    ? `Give ${person.displayName} the ${role.name} role (business unit ${copy.businessUnitName})`
    : `Remove the ${role.name} role (business unit ${copy.businessUnitName}) from ${person.displayName}`;
  const record = (result: 'ok' | 'failed', code?: string) => recordChange(deps, { ...context, what: giving ? 'roles.give' : 'roles.remove', summary, environment: environment.displayName, result, code });
  try {
    if (giving) await deps.dataverse.assignRole(environment.instanceUrl, person.systemUserId, copy.roleId);
    else await deps.dataverse.removeRole(environment.instanceUrl, person.systemUserId, copy.roleId);
  } catch (error) {
    if (!(error instanceof DataverseWriteError)) throw error;
    await record('failed', error.refusal.code || error.code);
    return { ok: false, text: `I could not ${giving ? `give ${person.displayName} the ${role.name} role` : `remove ${role.name} from ${person.displayName}`} in ${environment.displayName}. ${explainRefusal(error.refusal, environment.displayName)}` };
  }
  await record('ok');
  return {
    ok: true,
    text: giving
      ? `Done: ${person.displayName} has the ${role.name} role in ${environment.displayName} (business unit ${copy.businessUnitName}). It applies at ${person.displayName}'s next request; nothing else changed.`
      : `Done: ${person.displayName} no longer has the ${role.name} role directly in ${environment.displayName}.`,
  };
}

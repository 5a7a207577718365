import type { Deps } from '../../app/deps';
import { DataverseWriteError } from '../../gateways/dataverse/write-errors';
import { answer, type Answer } from '../roles/shared/answer';
import { findEnvironment, findPerson } from '../roles/shared/find-target';
import { copyIn, findUnit, readCatalogue, unitName } from '../roles/shared/role-catalogue';
import { recordChange, type ChangeRecord } from '../roles/shared/record-change';
import { explainRefusal } from '../roles/shared/refusals';
import { moveText, type MoveRequest } from './parse-move';

/** A role the person holds directly now, and whether the new business unit has a copy of it. */
export interface HeldRole {
  rootRoleId: string;
  name: string;
  /** The new unit's copy: what is assigned again when the admin keeps the role. */
  newCopyId: string | null;
}

export interface MovePlan {
  environment: { id: string; displayName: string; instanceUrl: string };
  person: { id: string; displayName: string; userPrincipalName: string; systemUserId: string };
  from: { id: string; name: string };
  to: { id: string; name: string };
  roles: HeldRole[];
  /** DoNotRemoveRolesOnChangeBusinessUnit as the organization says; null when it has not set it (false by default). */
  keepsRoles: boolean | null;
}

export type MoveOutcome = { kind: 'answer'; answer: Answer } | { kind: 'ready'; plan: MovePlan; question: { title: string; text: string } };

/**
 * What moving a person to another business unit does (§9.3), said before anything changes: whether
 * Dataverse removes their roles (organization setting DoNotRemoveRolesOnChangeBusinessUnit, read from
 * `orgdborgsettings`; false by default) and which of the roles they hold directly the new unit has a copy of.
 */
export async function planMove(deps: Deps, request: MoveRequest): Promise<MoveOutcome> {
  const env = await findEnvironment(deps, request.environment, (environment) => moveText({ ...request, environment }));
  if (!env.ok) return { kind: 'answer', answer: env.answer };
  const environment = env.value;
  const person = await findPerson(deps, request.person, (id) => moveText({ ...request, person: id, environment: environment.id }));
  if (!person.ok) return { kind: 'answer', answer: person.answer };
  const user = person.value;
  const instanceUrl = environment.dataverse.instanceUrl;
  const [catalogue, row, settings] = await Promise.all([readCatalogue(deps, instanceUrl), deps.dataverse.findSystemUser(instanceUrl, user.id), deps.dataverse.readOrganizationSettings(instanceUrl)]);
  const unit = findUnit(catalogue, request.businessUnit, environment.displayName, (name) => moveText({ ...request, person: user.id, businessUnit: name, environment: environment.id }));
  if (!unit.ok) return { kind: 'answer', answer: unit.answer };
  const target = unit.value;
  const who = user.displayName;
  if (!row) {
    return { kind: 'answer', answer: answer(`${who} isn't in ${environment.displayName} yet. Sync ${who} straight into the business unit:`, [
      { title: `Sync ${who} to ${environment.displayName} in business unit ${target.name}`, command: `sync ${user.id} to ${environment.id} in business unit ${target.name}` },
    ]) };
  }
  const fromId = row.businessUnitId ?? catalogue.root.businessUnitId;
  if (fromId.toLowerCase() === target.businessUnitId.toLowerCase()) return { kind: 'answer', answer: answer(`${who} is already in the business unit ${target.name} in ${environment.displayName}. Nothing to change.`) };
  const byId = new Map(catalogue.roles.map((role) => [role.roleId.toLowerCase(), role]));
  const roles: HeldRole[] = row.directRoles.flatMap((held) => {
    const role = byId.get(held.roleId.toLowerCase());
    if (!role) return [];
    return [{ rootRoleId: role.rootRoleId, name: role.name, newCopyId: copyIn(catalogue, role.rootRoleId, target.businessUnitId)?.roleId ?? null }];
  });
  const plan: MovePlan = {
    environment: { id: environment.id, displayName: environment.displayName, instanceUrl },
    person: { id: user.id, displayName: who, userPrincipalName: user.userPrincipalName, systemUserId: row.systemUserId },
    from: { id: fromId, name: unitName(catalogue, fromId) },
    to: { id: target.businessUnitId, name: target.name },
    roles,
    keepsRoles: settings.doNotRemoveRolesOnChangeBusinessUnit,
  };
  return { kind: 'ready', plan, question: { title: `Move ${who} to the business unit ${target.name} in ${environment.displayName}?`, text: moveWarning(plan) } };
}

/** What happens to the roles, in words (§9.3). */
export function moveWarning(plan: MovePlan): string {
  const { person, from, to, roles, environment } = plan;
  const who = person.displayName;
  const names = roles.map((r) => r.name).join(', ');
  const lead = `${who} (${person.userPrincipalName}) moves from ${from.name} to ${to.name} in ${environment.displayName}.`;
  const effect = plan.keepsRoles === true
    ? ` ${environment.displayName} keeps roles on a business-unit change (DoNotRemoveRolesOnChangeBusinessUnit is on): Dataverse swaps ${who}'s roles for ${to.name}'s copies.`
    : ` ${plan.keepsRoles === false ? `In ${environment.displayName}` : 'By default'} Dataverse removes every security role given to ${who} directly when the business unit changes${roles.length > 0 ? ` (now: ${names})` : ''}.`;
  const choice = roles.length > 0 ? ` Tick the roles ${who} should have in ${to.name}: I give them again from ${to.name}'s copies right after the move.` : ` ${who} has no role given directly, so none is lost.`;
  const missing = roles.filter((r) => r.newCopyId === null).map((r) => r.name);
  const missingText = missing.length > 0 ? ` ${to.name} has no copy of ${missing.join(', ')}, so ${missing.length > 1 ? 'those' : 'that one'} cannot follow.` : '';
  return `${lead}${effect}${choice}${missingText} Roles through teams do not change.`;
}

export interface MoveResult {
  ok: boolean;
  text: string;
}

/**
 * Moves the person (one PATCH), then gives back the ticked roles that are not held after the move,
 * from the new unit's copies, one request each; the audit trail gets one row with names.
 */
export async function applyMove(deps: Deps, plan: MovePlan, keep: readonly string[], context: Pick<ChangeRecord, 'actor' | 'conversation'>): Promise<MoveResult> {
  const { environment, person, to } = plan;
  const kept = plan.roles.filter((role) => keep.includes(role.rootRoleId) && role.newCopyId !== null);
  const summary = `Move ${person.displayName} from business unit ${plan.from.name} to ${to.name}${kept.length > 0 ? `, keeping ${kept.map((r) => r.name).join(', ')}` : ''}`;
  const record = (result: 'ok' | 'failed', code?: string) => recordChange(deps, { ...context, what: 'business-units.move', summary, environment: environment.displayName, result, code });
  try {
    await deps.dataverse.changeBusinessUnit(environment.instanceUrl, person.systemUserId, to.id);
  } catch (error) {
    if (!(error instanceof DataverseWriteError)) throw error;
    await record('failed', error.refusal.code || error.code);
    return { ok: false, text: `I could not move ${person.displayName} to ${to.name}. ${explainRefusal(error.refusal, environment.displayName)}` };
  }
  const after = await deps.dataverse.findSystemUser(environment.instanceUrl, person.id);
  const held = new Set((after?.directRoles ?? []).map((r) => r.roleId.toLowerCase()));
  const given: string[] = [];
  const failed: string[] = [];
  for (const role of kept) {
    if (held.has((role.newCopyId as string).toLowerCase())) {
      given.push(role.name);
      continue;
    }
    try {
      await deps.dataverse.assignRole(environment.instanceUrl, person.systemUserId, role.newCopyId as string);
      given.push(role.name);
    } catch (error) {
      if (!(error instanceof DataverseWriteError)) throw error;
      failed.push(`${role.name}: ${explainRefusal(error.refusal, environment.displayName)}`);
    }
  }
  await record(failed.length === 0 ? 'ok' : 'failed');
  const dropped = plan.roles.filter((role) => !kept.includes(role) && !held.has((role.newCopyId ?? '').toLowerCase())).map((r) => r.name);
  const parts = [
    `Done: ${person.displayName} is in the business unit ${to.name} in ${environment.displayName}.`,
    given.length > 0 ? `Roles in ${to.name}: ${given.join(', ')}.` : '',
    dropped.length > 0 ? `No longer held: ${dropped.join(', ')}.` : '',
    failed.length > 0 ? `Not given again: ${failed.join(' ')}` : '',
  ];
  return { ok: failed.length === 0, text: parts.filter(Boolean).join(' ') };
}

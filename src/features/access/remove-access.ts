import type { Deps } from '../../app/deps';
import { GraphWriteError } from '../../gateways/graph/write-errors';
import { tenantCache } from '../../gateways/tenant-cache';
import type { DirectoryUser } from '../../gateways/types';
import { toAppError } from '../../errors';
import { answer, type Answer } from '../roles/shared/answer';
import { findEnvironment, findPerson, type DataverseEnvironment } from '../roles/shared/find-target';
import { recordChange, type ChangeRecord } from '../roles/shared/record-change';

export interface RemoveAccessRequest {
  person: string;
  environment: string;
}

/** What a confirmed removal needs, with names for the card and the audit trail. */
export interface RemovalPlan {
  person: { id: string; displayName: string; userPrincipalName: string };
  environment: { id: string; displayName: string };
  group: { id: string; displayName: string };
  /** Security roles given directly in the environment, offered for removal afterwards (the roles feature's command). */
  roles: string[];
}

export type RemovalOutcome = { kind: 'answer'; answer: Answer } | { kind: 'ready'; plan: RemovalPlan; question: { title: string; text: string } };

export const removeAccessText = (request: RemoveAccessRequest): string => `remove ${request.person} from ${request.environment}`;

/** The roles feature's own command for each direct role: the bot has one way to take a role away. */
function roleChoices(user: { id: string; displayName: string }, environmentId: string, roles: readonly string[]): NonNullable<Answer['choices']> {
  return roles.map((role) => ({ title: `Remove ${role} from ${user.displayName}`, command: `remove the ${role} role from ${user.id} in ${environmentId}` }));
}

/**
 * `remove Jane from UAT` (§1.4, §12): access to an environment with a security group is membership of it, so
 * removal takes the person out of that group (Graph). Without a group there is no membership to take away: the
 * answer says what removal would take and offers the roles. Reads: the person's direct groups (1 Graph request)
 * and their Dataverse row (1–2 requests). Nothing changes here.
 */
export async function planRemoval(deps: Deps, request: RemoveAccessRequest): Promise<RemovalOutcome> {
  const env = await findEnvironment(deps, request.environment, (environment) => removeAccessText({ ...request, environment }));
  if (!env.ok) return { kind: 'answer', answer: env.answer };
  const environment = env.value;
  const person = await findPerson(deps, request.person, (id) => removeAccessText({ person: id, environment: environment.id }));
  if (!person.ok) return { kind: 'answer', answer: person.answer };
  const user = person.value;
  const groupId = environment.dataverse.securityGroupId;
  const [row, memberOf, group] = await Promise.all([
    deps.dataverse.findSystemUser(environment.dataverse.instanceUrl, user.id),
    groupId ? deps.graph.getMemberOf(user.id) : Promise.resolve(null),
    groupId ? tenantCache(deps).group(groupId) : Promise.resolve(null),
  ]);
  const roles = (row?.directRoles ?? []).map((r) => r.name);
  if (!groupId || !memberOf) return { kind: 'answer', answer: withoutGroup(user, environment, roles) };
  const groupName = group?.displayName ?? `group ${groupId}`;
  const who = user.displayName;
  if (!memberOf.groups.some((g) => g.id.toLowerCase() === groupId.toLowerCase())) {
    return { kind: 'answer', answer: answer(`${who} isn't a direct member of ${groupName}, the security group of ${environment.displayName}, so there is no membership to take away (members of nested groups don't count for access).${rolesLine(who, environment, roles)}`, roleChoices(user, environment.id, roles)) };
  }
  const plan: RemovalPlan = { person: { id: user.id, displayName: who, userPrincipalName: user.userPrincipalName }, environment: { id: environment.id, displayName: environment.displayName }, group: { id: groupId, displayName: groupName }, roles };
  const disabled = row ? `Dataverse disables ${who} in ${environment.displayName} at its next background sync, not at once; ${who}'s records stay, and so do ${who}'s roles unless you remove them too (I offer that next).` : `${who} isn't in ${environment.displayName}'s Dataverse yet, so nothing there changes.`;
  return {
    kind: 'ready',
    plan,
    question: { title: `Remove ${who} from ${groupName}?`, text: `${who} (${user.userPrincipalName}) leaves ${groupName}, the security group of ${environment.displayName}. ${disabled} Other environments that use ${groupName} lose ${who} too.` },
  };
}

function rolesLine(who: string, environment: DataverseEnvironment, roles: readonly string[]): string {
  return roles.length > 0 ? ` Removing ${who}'s roles affects only ${environment.displayName}:` : ` ${who} has no role given directly in ${environment.displayName}.`;
}

function withoutGroup(user: DirectoryUser, environment: DataverseEnvironment, roles: readonly string[]): Answer {
  const who = user.displayName;
  return answer(
    `${environment.displayName} has no security group: there is no membership to take away. Removing ${who}'s licence would shut ${who} out of every environment;${rolesLine(who, environment, roles).replace(/^ Removing/, ' removing')}`,
    roleChoices(user, environment.id, roles),
  );
}

/** Takes the person out of the group (one Graph request), writes the audit trail with names, and offers the roles next. */
export async function applyRemoval(deps: Deps, plan: RemovalPlan, context: Pick<ChangeRecord, 'actor' | 'conversation'>): Promise<{ ok: boolean; answer: Answer }> {
  const { person, environment, group } = plan;
  const who = person.displayName;
  const record = (result: 'ok' | 'failed', code?: string) =>
    recordChange(deps, { ...context, what: 'access.remove', summary: `Remove ${who} from ${group.displayName} (the security group of ${environment.displayName})`, environment: environment.displayName, result, code });
  let outcome: 'removed' | 'not-a-member';
  try {
    outcome = await deps.graph.removeGroupMember(group.id, person.id);
  } catch (error) {
    await record('failed', error instanceof GraphWriteError ? error.refusal.code || String(error.refusal.status) : toAppError(error).code);
    if (error instanceof GraphWriteError) return { ok: false, answer: answer(error.userMessage) };
    throw error;
  }
  await record('ok');
  const lead =
    outcome === 'removed'
      ? `Done: ${who} is no longer in ${group.displayName}. Dataverse disables ${who} in ${environment.displayName} at its next background sync; ${who}'s records stay.`
      : `${who} was no longer in ${group.displayName} (someone removed them since you asked), so nothing changed.`;
  const roles = plan.roles.length > 0 ? ` ${who} still holds ${plan.roles.join(', ')} in ${environment.displayName}: remove them too?` : '';
  return { ok: true, answer: answer(`${lead}${roles}`, roleChoices(person, environment.id, plan.roles)) };
}

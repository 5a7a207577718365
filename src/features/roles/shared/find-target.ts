import type { Deps } from '../../../app/deps';
import { inert } from '../../../app/text';
import { resolveEnvironment, resolveGroup, resolveUser } from '../../../domain/resolve';
import { tenantCache } from '../../../gateways/tenant-cache';
import type { DirectoryGroup, DirectoryUser, Environment } from '../../../gateways/types';
import { answer, type Answer } from './answer';

/** An environment with a Dataverse database: its instance URL is known. */
export type DataverseEnvironment = Environment & { dataverse: NonNullable<Environment['dataverse']> };

export type Found<T> = { ok: true; value: T } | { ok: false; answer: Answer };

/**
 * The environment a request names (id, URL or name, as every command resolves it); a near or ambiguous
 * name is a choice whose buttons run `command` with the environment's id.
 */
export async function findEnvironment(deps: Pick<Deps, 'powerPlatform' | 'now'> & Parameters<typeof tenantCache>[0], typed: string, command: (environment: string) => string): Promise<Found<DataverseEnvironment>> {
  const resolution = resolveEnvironment(typed, await tenantCache(deps).environments());
  if (resolution.kind === 'not-found') {
    const near = resolution.suggestions;
    return { ok: false, answer: answer(`I can't find an environment called "${inert(typed)}".${near.length > 0 ? ' Did you mean:' : ' Type **environments** to see them all.'}`, near.map((e) => ({ title: e.displayName, command: command(e.id) }))) };
  }
  if (resolution.kind === 'ambiguous') {
    return { ok: false, answer: answer(`Several environments match "${inert(typed)}". Which one?`, resolution.candidates.map((e) => ({ title: e.displayName, command: command(e.id) }))) };
  }
  const env = resolution.value;
  if (!env.dataverse) return { ok: false, answer: answer(`${env.displayName} has no Dataverse database, so it has no security roles, business units or teams.`) };
  return { ok: true, value: env as DataverseEnvironment };
}

/** A person by id, UPN, mail or name (one Graph request, one more for suggestions). */
export async function findPerson(deps: Pick<Deps, 'graph'>, typed: string, command: (person: string) => string): Promise<Found<DirectoryUser>> {
  const resolution = await resolveUser(typed, deps.graph);
  if (resolution.kind === 'found') return { ok: true, value: resolution.value };
  const people = resolution.kind === 'ambiguous' ? resolution.candidates : resolution.suggestions;
  const lead = resolution.kind === 'ambiguous' ? `Several people match "${inert(typed)}". Who do you mean?` : `I couldn't find anyone called "${inert(typed)}" in Entra ID.${people.length > 0 ? ' Did you mean:' : ' Check the spelling, or use their email address.'}`;
  return { ok: false, answer: answer(lead, people.map((u) => ({ title: `${u.displayName} (${u.userPrincipalName})`, command: command(u.id) }))) };
}

/** An Entra group by id or name. */
export async function findGroup(deps: Pick<Deps, 'graph'>, typed: string, command: (group: string) => string): Promise<Found<DirectoryGroup>> {
  const resolution = await resolveGroup(typed, deps.graph);
  if (resolution.kind === 'found') return { ok: true, value: resolution.value };
  const groups = resolution.kind === 'ambiguous' ? resolution.candidates : resolution.suggestions;
  const lead = resolution.kind === 'ambiguous' ? `Several groups match "${inert(typed)}". Which one?` : `I couldn't find a group called "${inert(typed)}" in Entra ID.${groups.length > 0 ? ' Did you mean:' : ''}`;
  return { ok: false, answer: answer(lead, groups.map((g) => ({ title: g.displayName, command: command(g.id) }))) };
}

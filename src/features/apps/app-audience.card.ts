import type { AdaptiveCard } from '../../app/turn';
import { renderCard } from '../../cards/render';
import { PERMISSION_LABEL } from '../../domain/access/app-diagnosis';
import { listWithMore } from '../../domain/list-names';
import type { KnownApp } from '../../domain/resolve/resolve-app';
import { KIND_LABEL } from './app-diagnosis.card';
import type { Audience, Holder } from './who-can-open';
import { APP_VERBS } from './verbs';

/** Names shown before "and N more". */
export const FIRST_NAMES = 5;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function named(holders: readonly Holder[]): string {
  return listWithMore(holders.slice(0, FIRST_NAMES).map((h) => (h.level ? `${h.name} (${PERMISSION_LABEL[h.level]})` : h.name)), holders.length);
}

function sectionsOf(audience: Audience): { summary: string; sections: { label: string; names: string }[]; note: string } {
  if (audience.kind === 'canvas') {
    const sections = [
      ...(audience.owner ? [{ label: 'Owner', names: audience.owner }] : []),
      ...(audience.everyone ? [{ label: 'Everyone', names: 'Shared with everyone in the organisation (can view)' }] : []),
      ...(audience.people.length > 0 ? [{ label: `People (${audience.people.length})`, names: named(audience.people) }] : []),
      ...(audience.groups.length > 0 ? [{ label: `Groups (${audience.groups.length})`, names: named(audience.groups) }] : []),
    ];
    const summary = audience.everyone
      ? 'Shared with everyone in the organisation.'
      : `Shared with ${plural(audience.people.length, 'person', 'people')} and ${plural(audience.groups.length, 'group')}, besides its owner.`;
    return { summary, sections, note: 'Members of a group count through nested groups too. Opening it also needs access to the environment and, for premium apps, a premium licence: check a person below.' };
  }
  const sections = audience.roles.map((role) => {
    const people = listWithMore(role.people.slice(0, FIRST_NAMES), role.people.length);
    const teams = listWithMore(role.teams.slice(0, FIRST_NAMES), role.teams.length);
    const parts = [role.people.length > 0 ? `${plural(role.people.length, 'person', 'people')}: ${people}` : 'nobody directly', ...(role.teams.length > 0 ? [`${plural(role.teams.length, 'team')}: ${teams}`] : [])];
    const disabled = role.disabled > 0 ? ` (and ${plural(role.disabled, 'disabled user')})` : '';
    return { label: role.name, names: `${parts.join('; ')}${disabled}` };
  });
  const people = new Set(audience.roles.flatMap((r) => r.people)).size;
  const teams = new Set(audience.roles.flatMap((r) => r.teams)).size;
  return {
    summary: `Opens for holders of ${plural(audience.roles.length, 'role')}: ${plural(people, 'person', 'people')} directly and ${plural(teams, 'team')}.`,
    sections,
    note: 'Group teams count for the members of their Entra group once they sign in. Opening it also needs access to the environment and a premium licence: check a person below.',
  };
}

/** "Who can open Expense Tracker": the people and groups it is shared with, or its roles and their holders, with a "check a person" field. */
export function audienceView(app: KnownApp, audience: Audience) {
  const { summary, sections, note } = sectionsOf(audience);
  return {
    title: `Who can open ${app.name}? (${KIND_LABEL[app.kind]} in ${app.environment.displayName})`,
    summary,
    sections,
    note,
    check: { verb: APP_VERBS.check, data: { verb: APP_VERBS.check, app: app.name, environment: app.environment.id } },
  };
}

export const audienceCard = (...args: Parameters<typeof audienceView>): AdaptiveCard => renderCard('app-audience', audienceView(...args));

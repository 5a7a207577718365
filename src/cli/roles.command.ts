import { userInfo } from 'node:os';
import type { Deps } from '../app/deps';
import { invalidInput } from '../errors';
import { applyMove, moveWarning, planMove } from '../features/business-units/move-user';
import { applyLink, listGroupTeams, planLink } from '../features/group-teams/link-group';
import type { MembershipType } from '../features/group-teams/parse-link';
import { listRoles } from '../features/roles/list-roles';
import { applyRoleChange, planRoleChange } from '../features/roles/role-change';
import { answerLines, plain, type Answer } from '../features/roles/shared/answer';
import { parseOptions, required, type ParsedOptions } from './cli-options';
import type { CliCommand, CliIo } from './commands';

/** The audit trail's actor for changes made from a terminal. */
export const actor = () => ({ actor: { aadObjectId: null, name: `CLI (${userInfo().username})` }, conversation: null });

/** An answer instead of a result (nothing matched, or nothing to change): printed, and exit code 1. */
export function printAnswer(answer: Answer, json: boolean, io: CliIo): number {
  if (json) io.out(JSON.stringify({ done: false, message: plain(answer.text), choices: answer.choices ?? [] }, null, 2));
  else for (const line of answerLines(answer)) io.out(line);
  return 1;
}

/** A change made (or refused by Microsoft): its sentence (with its follow-ups, for an answer); exit code 0 when done, 1 when refused. */
function printResult(result: { ok: boolean; text: string } | { ok: boolean; answer: Answer }, extra: object, json: boolean, io: CliIo): number {
  if ('answer' in result) {
    if (json) io.out(JSON.stringify({ done: result.ok, message: plain(result.answer.text), next: result.answer.choices ?? [], ...extra }, null, 2));
    else for (const line of answerLines(result.answer)) io.out(line);
  } else if (json) io.out(JSON.stringify({ done: result.ok, message: result.text, ...extra }, null, 2));
  else io.out(result.text);
  return result.ok ? 0 : 1;
}

/** The CLI's confirm: a planned change is only described without --yes; with it, applied (the same use case as the card's Confirm). */
export async function planThenApply<P extends object>(
  outcome: { kind: 'answer'; answer: Answer } | { kind: 'ready'; plan: P; question: { title: string; text: string } },
  options: ParsedOptions,
  io: CliIo,
  apply: (plan: P) => Promise<{ ok: boolean; text: string } | { ok: boolean; answer: Answer }>,
  shown: (plan: P) => object = (plan) => plan,
): Promise<number> {
  const json = options.flags.has('--json');
  if (outcome.kind === 'answer') return printAnswer(outcome.answer, json, io);
  if (!options.flags.has('--yes')) return askedOnly(outcome.question, shown(outcome.plan), json, io);
  return printResult(await apply(outcome.plan), { plan: outcome.plan }, json, io);
}

/** Without --yes a write only says what it would do (the CLI's confirm); with it, the same use case as the card's Confirm. */
export function askedOnly(question: { title: string; text: string }, plan: object, json: boolean, io: CliIo): number {
  if (json) io.out(JSON.stringify({ done: false, wouldDo: question.title, detail: question.text, plan }, null, 2));
  else {
    io.out(question.title);
    io.out(question.text);
    io.out('Nothing changed. Run again with --yes to do it.');
  }
  return 0;
}

const ROLES_USAGE = 'roles --env <environment> [--json]';
export const rolesCliCommand: CliCommand = {
  name: 'roles',
  usage: ROLES_USAGE,
  summary: 'List the security roles of an environment with how many people and teams hold each.',
  async run(args, deps, io) {
    const options = parseOptions(args, { values: ['--env'], flags: ['--json'], usage: ROLES_USAGE });
    const outcome = await listRoles(deps, { environment: required(options, '--env', 'the environment', ROLES_USAGE, deps.config.defaultEnvironment) });
    const json = options.flags.has('--json');
    if (outcome.kind === 'answer') return printAnswer(outcome.answer, json, io);
    if (json) io.out(JSON.stringify(outcome.view, null, 2));
    else for (const row of outcome.view.rows) io.out(`${row.name.padEnd(32)} ${String(row.people).padStart(6)} people ${String(row.teams).padStart(4)} teams  ${row.description}`);
    return 0;
  },
};

function roleChangeCli(change: 'give' | 'remove'): CliCommand {
  const name = change === 'give' ? 'assign-role' : 'remove-role';
  const usage = `${name} <person> --role <role> --env <environment> [--yes] [--json]`;
  return {
    name,
    usage,
    summary: change === 'give' ? "Give someone a security role (their business unit's copy); --yes to do it." : 'Take a directly given security role away; --yes to do it.',
    async run(args, deps, io) {
      const options = parseOptions(args, { values: ['--role', '--env'], flags: ['--yes', '--json'], usage });
      if (options.text === '') throw invalidInput(`Name the person. Usage: ${usage}`);
      const outcome = await planRoleChange(deps, {
        change, person: options.text, role: required(options, '--role', 'the role', usage), environment: required(options, '--env', 'the environment', usage, deps.config.defaultEnvironment),
      });
      return planThenApply(outcome, options, io, (plan) => applyRoleChange(deps, plan, actor()));
    },
  };
}

export const assignRoleCliCommand = roleChangeCli('give');
export const removeRoleCliCommand = roleChangeCli('remove');

const MOVE_USAGE = 'move-bu <person> --business-unit <unit> --env <environment> [--keep <role>,<role> | --keep-all] [--yes] [--json]';
export const moveBusinessUnitCliCommand: CliCommand = {
  name: 'move-bu',
  usage: MOVE_USAGE,
  summary: 'Move someone to another business unit, giving back the roles named with --keep (or all with --keep-all); --yes to do it.',
  async run(args, deps, io) {
    const options = parseOptions(args, { values: ['--business-unit', '--env', '--keep'], flags: ['--keep-all', '--yes', '--json'], usage: MOVE_USAGE });
    if (options.text === '') throw invalidInput(`Name the person. Usage: ${MOVE_USAGE}`);
    const json = options.flags.has('--json');
    const outcome = await planMove(deps, {
      person: options.text, businessUnit: required(options, '--business-unit', 'the business unit', MOVE_USAGE), environment: required(options, '--env', 'the environment', MOVE_USAGE, deps.config.defaultEnvironment),
    });
    if (outcome.kind === 'answer') return printAnswer(outcome.answer, json, io);
    const { plan } = outcome;
    const named = (options.values['--keep'] ?? '').split(',').map((n) => n.trim().toLowerCase()).filter((n) => n !== '');
    const unknown = named.filter((n) => !plan.roles.some((r) => r.name.toLowerCase() === n));
    if (unknown.length > 0) throw invalidInput(`${plan.person.displayName} holds no role called ${unknown.join(', ')} directly. Roles held: ${plan.roles.map((r) => r.name).join(', ') || 'none'}.`);
    const keep = plan.roles.filter((r) => options.flags.has('--keep-all') || named.includes(r.name.toLowerCase())).map((r) => r.rootRoleId);
    if (!options.flags.has('--yes')) return askedOnly({ title: outcome.question.title, text: `${moveWarning(plan)} Roles given back: ${plan.roles.filter((r) => keep.includes(r.rootRoleId)).map((r) => r.name).join(', ') || 'none'}.` }, plan, json, io);
    return printResult(await applyMove(deps, plan, keep, actor()), { plan }, json, io);
  },
};

const MEMBERSHIP: Record<string, MembershipType> = { 'members-and-guests': 0, members: 1, owners: 2, guests: 3 };
const LINK_USAGE = 'link-group <group> --role <role> --env <environment> [--membership members-and-guests|members|owners|guests] [--yes] [--json]';
export const linkGroupCliCommand: CliCommand = {
  name: 'link-group',
  usage: LINK_USAGE,
  summary: 'Give an Entra group a role in an environment through a group team (pac admin assign-group parity); --yes to do it.',
  async run(args, deps, io) {
    const options = parseOptions(args, { values: ['--role', '--env', '--membership'], flags: ['--yes', '--json'], usage: LINK_USAGE });
    if (options.text === '') throw invalidInput(`Name the group. Usage: ${LINK_USAGE}`);
    const membership = options.values['--membership'] ?? 'members-and-guests';
    const membershipType = MEMBERSHIP[membership.toLowerCase()];
    if (membershipType === undefined) throw invalidInput(`--membership is one of ${Object.keys(MEMBERSHIP).join(', ')}. Usage: ${LINK_USAGE}`);
    const outcome = await planLink(deps, {
      group: options.text, role: required(options, '--role', 'the role', LINK_USAGE), environment: required(options, '--env', 'the environment', LINK_USAGE, deps.config.defaultEnvironment), membershipType,
    });
    return planThenApply(outcome, options, io, (plan) => applyLink(deps, plan, actor()));
  },
};

const TEAMS_USAGE = 'group-teams --env <environment> [--json]';
export const groupTeamsCliCommand: CliCommand = {
  name: 'group-teams',
  usage: TEAMS_USAGE,
  summary: 'List the Entra groups linked to an environment through group teams, with roles and membership types.',
  async run(args, deps: Deps, io) {
    const options = parseOptions(args, { values: ['--env'], flags: ['--json'], usage: TEAMS_USAGE });
    const outcome = await listGroupTeams(deps, { environment: required(options, '--env', 'the environment', TEAMS_USAGE, deps.config.defaultEnvironment) });
    const json = options.flags.has('--json');
    if (outcome.kind === 'answer') return printAnswer(outcome.answer, json, io);
    if (json) io.out(JSON.stringify(outcome.rows, null, 2));
    else for (const row of outcome.rows) io.out(`${row.team}: ${row.kind} ${row.group}, ${row.membership}; roles: ${row.roles.join(', ') || 'none'}`);
    return 0;
  },
};



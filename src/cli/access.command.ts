import { invalidInput } from '../errors';
import type { AccessPerson, AccessReport } from '../features/access/classify-access';
import { applyRemoval, planRemoval } from '../features/access/remove-access';
import { whoHasAccess } from '../features/access/who-has-access';
import { applyLicence } from '../features/licences/apply-licence';
import { planLicence } from '../features/licences/plan-licence';
import { parseOptions, required } from './cli-options';
import type { CliCommand } from './commands';
import { actor, planThenApply, printAnswer } from './roles.command';

const WHO_USAGE = 'who-has-access <environment> [--json]';
const SECTIONS: [keyof AccessReport, string][] = [
  ['withRole', 'In the environment with a role'],
  ['withoutRole', 'In the environment without any role'],
  ['notYet', 'Members of the security group not yet in the environment'],
  ['willBeDisabled', 'Enabled now, disabled at the next background sync'],
  ['disabled', 'Disabled'],
];

/** `who-has-access <environment> [--json]`: the same reconciliation as the bot's card, with everyone (the card shows the first names). */
export const whoHasAccessCliCommand: CliCommand = {
  name: 'who-has-access',
  usage: WHO_USAGE,
  summary: "An environment's security group next to its Dataverse users: with a role, without, not yet in, disabled next, disabled.",
  async run(args, deps, io) {
    const options = parseOptions(args, { values: [], flags: ['--json'], usage: WHO_USAGE });
    const environment = options.text || deps.config.defaultEnvironment;
    if (!environment) throw invalidInput(`Name the environment. Usage: ${WHO_USAGE}`);
    const json = options.flags.has('--json');
    const outcome = await whoHasAccess(deps, { environment });
    if (outcome.kind === 'answer') return printAnswer(outcome.answer, json, io);
    const report = outcome.report;
    if (json) {
      io.out(JSON.stringify(report, null, 2));
      return 0;
    }
    io.out(`${report.environment.displayName}: security group ${report.group ? `${report.group.displayName} (${report.memberCount} direct members)` : 'none (every licensed person may be added)'}`);
    for (const [key, title] of SECTIONS) {
      const people = report[key] as AccessPerson[];
      io.out(`${title}: ${people.length}`);
      for (const p of people) io.out(`  ${p.name} <${p.upn}>${p.note ? ` (${p.note})` : ''}`);
    }
    return 0;
  },
};

const REMOVE_USAGE = 'remove-access <person> --env <environment> [--yes] [--json]';
export const removeAccessCliCommand: CliCommand = {
  name: 'remove-access',
  usage: REMOVE_USAGE,
  summary: "Take someone out of an environment's security group (Dataverse disables them at its next background sync); --yes to do it.",
  async run(args, deps, io) {
    const options = parseOptions(args, { values: ['--env'], flags: ['--yes', '--json'], usage: REMOVE_USAGE });
    if (options.text === '') throw invalidInput(`Name the person. Usage: ${REMOVE_USAGE}`);
    const outcome = await planRemoval(deps, { person: options.text, environment: required(options, '--env', 'the environment', REMOVE_USAGE, deps.config.defaultEnvironment) });
    return planThenApply(outcome, options, io, (plan) => applyRemoval(deps, plan, actor()));
  },
};

const LICENCE_USAGE = 'assign-licence <person> [--env <environment>] [--using group:<id>|direct:<sku id>] [--yes] [--json]';
export const assignLicenceCliCommand: CliCommand = {
  name: 'assign-licence',
  usage: LICENCE_USAGE,
  summary: 'Give someone a Dataverse licence the way the tenant allows (licensing group, else a free unit, else what to buy); --yes to do it.',
  async run(args, deps, io) {
    const options = parseOptions(args, { values: ['--env', '--using'], flags: ['--yes', '--json'], usage: LICENCE_USAGE });
    if (options.text === '') throw invalidInput(`Name the person. Usage: ${LICENCE_USAGE}`);
    const outcome = await planLicence(deps, { person: options.text, environment: options.values['--env'] ?? null, choice: options.values['--using']?.toLowerCase() ?? null });
    const alternatives = outcome.kind === 'ready' ? (outcome.alternatives ?? []) : [];
    return planThenApply(outcome, options, io, (plan) => applyLicence(deps, plan, actor()), (plan) => ({ ...plan, alternatives }));
  },
};

import type { Diagnosis } from '../domain/access/diagnosis';
import { invalidInput } from '../errors';
import { STATUS_ICON, VERDICT } from '../features/diagnose/diagnosis.card';
import { LOOKED_EVERYWHERE } from '../features/diagnose/present-outcome';
import { runDiagnosis, type DiagnoseOutcome } from '../features/diagnose/run-diagnosis';
import { severalMatch, subjectLabel } from '../domain/access/subject';
import type { CliCommand, CliIo } from './commands';
import { reportAppDiagnosis } from './diagnose-app.report';

const USAGE = 'diagnose <user> [--app <app>] [--env <environment> | --everywhere] [--json]';

/** The documented JSON shape (docs/diagnosis.md). `subject.kind` says whether it is a person, a deleted account or an application. */
export function diagnosisJson(d: Diagnosis) {
  return {
    subject: d.subject,
    user: d.user?.userPrincipalName ?? null,
    environment: d.environment.displayName,
    verdict: d.verdict,
    checks: d.checks.map((c) => ({ id: c.id, status: c.status, detail: c.detail, fix: c.fix?.text ?? null })),
  };
}

function parseArgs(args: readonly string[]): { user: string; environment: string | null; everywhere: boolean; json: boolean; app: string | null } {
  const words: string[] = [];
  let environment: string | null = null;
  let app: string | null = null;
  let everywhere = false;
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--json') json = true;
    else if (arg === '--everywhere') everywhere = true;
    else if (arg === '--env') {
      environment = args[++i] ?? null;
      if (!environment) throw invalidInput(`--env needs an environment name, id or URL. Usage: ${USAGE}`);
    } else if (arg === '--app') {
      app = args[++i] ?? null;
      if (!app) throw invalidInput(`--app needs an app name. Usage: ${USAGE}`);
    } else if (arg.startsWith('--')) throw invalidInput(`Unknown option ${arg}. Usage: ${USAGE}`);
    else words.push(arg);
  }
  if (words.length === 0) throw invalidInput(`Name the person to check. Usage: ${USAGE}`);
  if (everywhere && environment) throw invalidInput('Use either --env or --everywhere, not both.');
  return { user: words.join(' '), environment, everywhere, json, app };
}

function who(d: Diagnosis): string {
  const s = d.subject;
  if (!s) return 'Unknown person';
  if (s.kind === 'application') return `${s.displayName} (application, app id ${s.appId})`;
  return `${s.displayName} (${s.userPrincipalName}${s.kind === 'deletedPerson' ? ', deleted account' : ''})`;
}

function printText(d: Diagnosis, io: CliIo): void {
  io.out(`${who(d)} in ${d.environment.displayName}: ${VERDICT[d.verdict].text}`);
  io.out(d.headline);
  for (const c of d.checks) {
    io.out(`  ${STATUS_ICON[c.status]} ${c.title}: ${c.detail}`);
    if (c.fix && c.status !== 'pass') io.out(`     Fix: ${c.fix.text}`);
  }
}

/** Ambiguity and misses become a message and exit code 1; a finished diagnosis is exit code 0 whatever the verdict. */
export function reportDiagnosis(outcome: DiagnoseOutcome, json: boolean, io: CliIo): number {
  switch (outcome.kind) {
    case 'diagnosis':
      if (json) io.out(JSON.stringify(diagnosisJson(outcome.diagnosis), null, 2));
      else printText(outcome.diagnosis, io);
      return 0;
    case 'everywhere':
      if (json) io.out(JSON.stringify(outcome.rows.map((r) => diagnosisJson(r.diagnosis)), null, 2));
      else for (const r of outcome.rows) io.out(`${VERDICT[r.diagnosis.verdict].icon} ${r.environment.displayName}: ${r.diagnosis.headline}`);
      return 0;
    case 'choose-user':
      io.err(
        `${severalMatch(outcome.candidates)} "${outcome.request.user}": ${outcome.candidates.map(subjectLabel).join(', ')}${outcome.more ? ', …' : ''}. Use the email address${outcome.candidates.some((c) => c.kind === 'application') ? ' or the application id' : ''}.`,
      );
      return 1;
    case 'user-not-found':
      io.err(
        `Nobody called "${outcome.request.user}": ${LOOKED_EVERYWHERE}.${outcome.unsearched.map((u) => ` ${u}`).join('')}${outcome.suggestions.length > 0 ? ` Did you mean ${outcome.suggestions.map((u) => u.userPrincipalName).join(', ')}?` : ''}`,
      );
      return 1;
    case 'choose-environment':
      io.err(`${outcome.reason === 'no-default' ? 'No default environment is configured (DEFAULT_ENVIRONMENT); pass --env.' : 'Several environments match.'} Environments: ${outcome.candidates.map((e) => e.displayName).join(', ')}`);
      return 1;
    case 'environment-not-found':
      io.err(`No environment called "${outcome.query}".${outcome.suggestions.length > 0 ? ` Did you mean ${outcome.suggestions.map((e) => e.displayName).join(', ')}?` : ''}`);
      return 1;
  }
}

/** `diagnose <user> [--env <env>] [--json]`: the same diagnosis as the bot's card. */
export const diagnoseCliCommand: CliCommand = {
  name: 'diagnose',
  usage: USAGE,
  summary: "Why can't a person get into an environment, or open an app (--app): every check, with the fix.",
  async run(args, deps, io) {
    const { json, app, ...request } = parseArgs(args);
    if (app !== null) return reportAppDiagnosis(deps, { ...request, app, mayBeEnvironment: false }, json, io);
    return reportDiagnosis(await runDiagnosis(deps, request), json, io);
  },
};

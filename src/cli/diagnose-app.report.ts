import type { Deps } from '../app/deps';
import { APP_VERDICT, KIND_LABEL } from '../features/apps/app-diagnosis.card';
import type { AppDiagnosis } from '../domain/access/app-diagnosis';
import { severalMatch, subjectLabel } from '../domain/access/subject';
import { STATUS_ICON } from '../features/diagnose/diagnosis.card';
import { LOOKED_EVERYWHERE } from '../features/diagnose/present-outcome';
import { runDiagnosis } from '../features/diagnose/run-diagnosis';
import { diagnoseApp } from '../features/apps/diagnose-app';
import type { AppRequest } from '../features/apps/parse-apps';
import type { CliIo } from './commands';
import { diagnosisJson, reportDiagnosis } from './diagnose.command';

const checkJson = (c: { id: string; status: string; detail: string; fix: { text: string } | null }) => ({ id: c.id, status: c.status, detail: c.detail, fix: c.fix?.text ?? null });

/** The documented JSON of an app diagnosis (docs/diagnosis.md "Apps"): the environment's checks and the app's. */
export function appDiagnosisJson(d: AppDiagnosis) {
  const { subject, user, checks } = diagnosisJson(d.environment);
  return {
    subject,
    user,
    app: { kind: d.app.kind, id: d.app.id, name: d.app.name },
    environment: d.app.environment.displayName,
    verdict: d.verdict,
    permission: d.permission,
    appRoles: d.appRoles,
    environmentChecks: checks,
    appChecks: d.checks.map(checkJson),
  };
}

function printText(d: AppDiagnosis, io: CliIo): void {
  io.out(`${d.user ? `${d.user.displayName} (${d.user.userPrincipalName})` : 'Unknown person'} · ${d.app.name} (${KIND_LABEL[d.app.kind]}) in ${d.app.environment.displayName}: ${APP_VERDICT[d.verdict].text}`);
  io.out(d.headline);
  for (const [title, list] of [['The app', d.checks], ['The environment', d.environment.checks]] as const) {
    io.out(`${title}:`);
    for (const c of list) {
      io.out(`  ${STATUS_ICON[c.status]} ${c.title}: ${c.detail}`);
      if (c.fix && c.status !== 'pass' && c.status !== 'info') io.out(`     Fix: ${c.fix.text}`);
    }
  }
}

const names = (list: readonly { name: string }[]) => list.map((a) => a.name).join(', ');

/** `diagnose <person> --app <app> [--env <environment> | --everywhere] [--json]`: 0 when diagnosed, 1 when something must be chosen or is unknown. */
export async function reportAppDiagnosis(deps: Deps, request: AppRequest, json: boolean, io: CliIo): Promise<number> {
  const outcome = await diagnoseApp(deps, request);
  switch (outcome.kind) {
    case 'diagnosis':
      if (json) io.out(JSON.stringify(appDiagnosisJson(outcome.diagnosis), null, 2));
      else printText(outcome.diagnosis, io);
      return 0;
    case 'everywhere':
      if (json) io.out(JSON.stringify(outcome.rows.map(appDiagnosisJson), null, 2));
      else for (const d of outcome.rows) io.out(`${APP_VERDICT[d.verdict].icon} ${d.app.environment.displayName}: ${d.headline}`);
      return 0;
    case 'environment':
      return reportDiagnosis(await runDiagnosis(deps, outcome.request), json, io);
    case 'ask-app':
      io.err('Name the app with --app (no DEFAULT_APP is configured).');
      return 1;
    case 'choose-user':
      io.err(`${severalMatch(outcome.candidates)} "${outcome.request.user}": ${outcome.candidates.map(subjectLabel).join(', ')}${outcome.more ? ', …' : ''}. Use the email address.`);
      return 1;
    case 'user-not-found':
      io.err(`Nobody called "${outcome.request.user}": ${LOOKED_EVERYWHERE}.${outcome.suggestions.length > 0 ? ` Did you mean ${outcome.suggestions.map((u) => u.userPrincipalName).join(', ')}?` : ''}`);
      return 1;
    case 'choose-app':
      io.err(`Several apps match "${outcome.request.app ?? ''}": ${names(outcome.candidates)}${outcome.more ? ', …' : ''}.`);
      return 1;
    case 'app-or-environment':
      io.err(`"${outcome.request.app ?? ''}" starts the app ${outcome.app.name} and the environment ${outcome.environments.map((e) => e.displayName).join(', ')}: type the app's whole name, or check the environment with --env alone.`);
      return 1;
    case 'choose-app-environment':
      io.err(`${outcome.app.name} is in ${outcome.app.apps.map((a) => a.environment.displayName).join(', ')}: pass --env or --everywhere.`);
      return 1;
    case 'app-not-found':
      io.err(`No app called "${outcome.query}".${outcome.suggestions.length > 0 ? ` Did you mean ${names(outcome.suggestions)}?` : ''}${outcome.unread.length > 0 ? ` (I couldn't read ${outcome.unread.join('; ')}.)` : ''}`);
      return 1;
    case 'environment-not-found':
      io.err(`No environment called "${outcome.query}".${outcome.suggestions.length > 0 ? ` Did you mean ${outcome.suggestions.map((e) => e.displayName).join(', ')}?` : ''}`);
      return 1;
  }
}

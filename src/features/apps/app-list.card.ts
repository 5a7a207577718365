import type { AdaptiveCard } from '../../app/turn';
import { renderCard } from '../../cards/render';
import { PERMISSION_LABEL, type AppDiagnosis, type AppVerdict } from '../../domain/access/app-diagnosis';
import type { DirectoryUser, Environment } from '../../gateways/types';
import { APP_VERDICT, checkButton, KIND_LABEL } from './app-diagnosis.card';

/** Rows a list card shows; one line says how many more (Teams' card size). */
export const APP_LIST_MAX_ROWS = 25;
const PROBLEMS_FIRST: Record<AppVerdict, number> = { blocked: 0, 'will-open-once-synced': 1, 'can-open': 2 };

/** Why, in a line: the first failing check (the app's before the environment's), or how the person holds the app. */
function line(d: AppDiagnosis): string {
  const failing = [...d.checks, ...d.environment.checks].find((c) => c.status === 'fail');
  const verdict = APP_VERDICT[d.verdict].text;
  if (failing) return `${verdict}: ${failing.title.toLowerCase()}. ${failing.detail}`;
  if (d.verdict === 'will-open-once-synced') return `${verdict}: not in ${d.app.environment.displayName} yet; a sync or first sign-in adds them`;
  return d.permission ? `${verdict} (${PERMISSION_LABEL[d.permission]})` : verdict;
}

function rowsOf(rows: readonly AppDiagnosis[], name: (d: AppDiagnosis) => string, user: DirectoryUser) {
  const sorted = [...rows].sort((a, b) => PROBLEMS_FIRST[a.verdict] - PROBLEMS_FIRST[b.verdict] || a.app.name.localeCompare(b.app.name));
  const shown = sorted.slice(0, APP_LIST_MAX_ROWS).map((d) => {
    const details = checkButton('Details', user.id, d);
    return { icon: APP_VERDICT[d.verdict].icon, name: name(d), line: line(d), verb: details.verb, data: details.data };
  });
  const hidden = sorted.length - shown.length;
  return { rows: shown, more: hidden > 0 ? `…and ${hidden} more app${hidden === 1 ? '' : 's'} (${sorted.slice(APP_LIST_MAX_ROWS).filter((d) => d.verdict === 'blocked').length} blocked), not shown here.` : '' };
}

const opens = (rows: readonly AppDiagnosis[]) => rows.filter((d) => d.verdict === 'can-open').length;

/** "Which apps can Jane open in UAT": every app of the environment with its verdict, problems first. */
export function whichAppsView(user: DirectoryUser, environment: Environment, rows: readonly AppDiagnosis[], unread: readonly string[]) {
  const notes = unread.length > 0 ? ` I couldn't read ${unread.join('; ')}` : '';
  const summary = rows.length === 0 ? `${environment.displayName} has no apps I can see.${notes}` : `${user.userPrincipalName}: can open ${opens(rows)} of ${rows.length} app${rows.length === 1 ? '' : 's'} in ${environment.displayName}.${notes}`;
  return { title: `Which apps can ${user.displayName} open in ${environment.displayName}?`, summary, ...rowsOf(rows, (d) => `${d.app.name} (${KIND_LABEL[d.app.kind]})`, user) };
}

/** One app in every environment that has it ("everywhere"). */
export function appEverywhereView(user: DirectoryUser, appName: string, rows: readonly AppDiagnosis[]) {
  return {
    title: `Where can ${user.displayName} open ${appName}?`,
    summary: `${user.userPrincipalName}: can open it in ${opens(rows)} of ${rows.length} environment${rows.length === 1 ? '' : 's'}.`,
    ...rowsOf(rows, (d) => d.app.environment.displayName, user),
  };
}

export const appListCard = (view: ReturnType<typeof whichAppsView>): AdaptiveCard => renderCard('app-list', view);

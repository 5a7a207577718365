import { RUN_COMMAND_VERB } from '../../app/router';
import type { AdaptiveCard } from '../../app/turn';
import { renderCard } from '../../cards/render';
import { appLabel, PERMISSION_LABEL, type AppDiagnosis, type AppKind, type AppVerdict } from '../../domain/access/app-diagnosis';
import type { AccessCheck } from '../../domain/access/diagnosis';
import { STATUS_ICON } from '../diagnose/diagnosis.card';
import { button, DIAGNOSE_VERBS, type CardButton } from '../diagnose/verbs';
import { APP_VERBS } from './verbs';

/** The container's style and the icon carry the verdict; text keeps the default colour, readable in every Teams theme. */
export const APP_VERDICT: Record<AppVerdict, { text: string; style: string; icon: string }> = {
  'can-open': { text: 'Can open', style: 'good', icon: '✅' },
  blocked: { text: 'Blocked', style: 'attention', icon: '❌' },
  'will-open-once-synced': { text: 'Will open once synced', style: 'accent', icon: '🔄' },
};

export const KIND_LABEL: Record<AppKind, string> = { canvas: 'canvas app', 'model-driven': 'model-driven app' };

/** Role buttons offered at most (each runs the roles feature's "give … role" with its confirmation). */
const ROLE_BUTTONS = 2;

/** The command a "Give … the … role" button runs: the roles feature's one use case (src/features/roles). */
export function giveRoleText(userId: string, role: string, environmentId: string): string {
  return `give ${userId} the ${role} role in ${environmentId}`;
}

/** Re-check (and the Details buttons of lists): the app by name in one environment. */
export function checkButton(title: string, user: string, d: Pick<AppDiagnosis, 'app'>): CardButton {
  return button(title, APP_VERBS.check, { user, app: d.app.name, environment: d.app.environment.id });
}

/** The fixes the app's diagnosis proposes, for people only: the environment's (as today) and the app's; then Re-check. */
export function appButtons(d: AppDiagnosis): CardButton[] {
  const buttons: CardButton[] = [];
  const user = d.user;
  if (!user) return buttons;
  const ids = { userId: user.id, environmentId: d.app.environment.id };
  const proposed = (checks: readonly AccessCheck[], action: string) => checks.some((c) => c.status !== 'pass' && c.status !== 'info' && c.fix?.action === action);
  if (proposed(d.environment.checks, 'sync-user')) buttons.push(button(`Sync ${user.displayName} to ${d.app.environment.displayName} now`, DIAGNOSE_VERBS.sync, ids));
  if (proposed(d.environment.checks, 'add-to-security-group') && d.environment.keyFacts.securityGroup) {
    buttons.push(button(`Add ${user.displayName} to ${d.environment.keyFacts.securityGroup}`, DIAGNOSE_VERBS.addToGroup, ids));
  }
  for (const check of d.checks) {
    if (check.status !== 'fail' || !check.fix?.action) continue;
    if (check.fix.action === 'share-app') buttons.push(button(`Share ${d.app.name} with ${user.displayName}`, APP_VERBS.share, { ...ids, appId: d.app.id }));
    if (check.fix.action === 'assign-app-role') {
      for (const role of (check.fix.roles ?? []).slice(0, ROLE_BUTTONS)) {
        buttons.push(button(`Give ${user.displayName} the ${role.name} role`, RUN_COMMAND_VERB, { text: giveRoleText(user.id, role.name, d.app.environment.id) }));
      }
    }
  }
  buttons.push(checkButton('Re-check', user.id, d));
  return buttons;
}

const checkRow = (c: { status: AccessCheck['status']; title: string; detail: string; fix: { text: string } | null }) => ({
  icon: STATUS_ICON[c.status],
  title: c.title,
  detail: c.detail,
  fix: c.status === 'pass' || c.status === 'info' ? '' : (c.fix?.text ?? ''),
});

function factsOf(d: AppDiagnosis): { title: string; value: string }[] {
  const k = d.environment.keyFacts;
  const access =
    d.app.kind === 'canvas'
      ? { title: 'Permission', value: d.permission ? PERMISSION_LABEL[d.permission] : 'None' }
      : { title: 'App roles', value: d.appRoles.join(', ') || 'None' };
  return [
    { title: 'App', value: `${d.app.name} (${KIND_LABEL[d.app.kind]})` },
    { title: 'Environment', value: d.app.environment.displayName },
    access,
    { title: 'Licences', value: k.licences.length > 0 ? k.licences.join(', ') : 'None' },
    { title: 'Roles', value: k.roles.length > 0 ? k.roles.join(', ') : 'None' },
  ];
}

export interface AppCardOptions {
  note?: { text: string; tone: 'good' | 'bad' };
}

export function appDiagnosisView(d: AppDiagnosis, options: AppCardOptions = {}) {
  const verdict = APP_VERDICT[d.verdict];
  const person = d.user ? `${d.user.displayName} (${d.user.userPrincipalName})` : 'Unknown person';
  return {
    verdictText: `${verdict.icon} ${verdict.text}`,
    verdictStyle: verdict.style,
    subject: `${person} · ${appLabel(d.app)}, ${KIND_LABEL[d.app.kind]}`,
    headline: d.headline,
    note: options.note ? `${options.note.tone === 'bad' ? '❌' : '✅'} ${options.note.text}` : '',
    appTitle: `The app: ${d.app.name}`,
    appChecks: d.checks.map(checkRow),
    environmentTitle: `The environment: ${d.app.environment.displayName}`,
    environmentChecks: d.environment.checks.map(checkRow),
    facts: factsOf(d),
    actions: appButtons(d),
  };
}

export const appDiagnosisCard = (...args: Parameters<typeof appDiagnosisView>): AdaptiveCard => renderCard('app-diagnosis', appDiagnosisView(...args));

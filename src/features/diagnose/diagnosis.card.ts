import type { AdaptiveCard } from '../../app/turn';
import { renderCard } from '../../cards/render';
import type { CheckStatus, Diagnosis, Verdict } from '../../domain/access/diagnosis';
import { button, DIAGNOSE_VERBS, type CardButton } from './verbs';

export { DIAGNOSE_VERBS };

export const STATUS_ICON: Record<CheckStatus, string> = { pass: '✅', fail: '❌', warn: '⚠️', info: 'ℹ️' };

export const VERDICT: Record<Verdict, { text: string; color: string; style: string; icon: string }> = {
  'can-access': { text: 'Can access', color: 'Good', style: 'good', icon: '✅' },
  blocked: { text: 'Blocked', color: 'Attention', style: 'attention', icon: '❌' },
  'will-get-in-once-synced': { text: 'Will get in once synced', color: 'Accent', style: 'accent', icon: '🔄' },
  'at-risk': { text: 'At risk', color: 'Warning', style: 'warning', icon: '⚠️' },
};

export interface DiagnosisCardOptions {
  /** A line above the checklist, e.g. the result of a fix. */
  note?: { text: string; tone: 'good' | 'bad' };
}

/** The buttons a diagnosis offers: sync and add-to-group only when a check proposes them. */
export function diagnosisButtons(d: Diagnosis): CardButton[] {
  if (!d.user) return [];
  const ids = { userId: d.user.id, environmentId: d.environment.id };
  const name = d.user.displayName;
  const buttons: CardButton[] = [];
  const actions = new Set(d.checks.map((c) => c.fix?.action));
  if (actions.has('sync-user')) buttons.push(button(`Sync ${name} to ${d.environment.displayName} now`, DIAGNOSE_VERBS.sync, ids));
  if (actions.has('add-to-security-group') && d.keyFacts.securityGroup) {
    buttons.push(button(`Add ${name} to ${d.keyFacts.securityGroup}`, DIAGNOSE_VERBS.addToGroup, ids));
  }
  buttons.push(button('Re-check', DIAGNOSE_VERBS.check, { user: d.user.id, environment: d.environment.id }));
  return buttons;
}

export function diagnosisView(d: Diagnosis, options: DiagnosisCardOptions = {}) {
  const verdict = VERDICT[d.verdict];
  const k = d.keyFacts;
  return {
    verdictText: `${verdict.icon} ${verdict.text}`,
    verdictColor: verdict.color,
    verdictStyle: verdict.style,
    subject: `${d.user ? `${d.user.displayName} (${d.user.userPrincipalName})` : 'Unknown person'} in ${d.environment.displayName}`,
    headline: d.headline,
    note: options.note?.text ?? '',
    noteColor: options.note?.tone === 'bad' ? 'Attention' : 'Good',
    checks: d.checks.map((c) => ({ icon: STATUS_ICON[c.status], title: c.title, detail: c.detail, fix: c.status === 'pass' ? '' : (c.fix?.text ?? '') })),
    facts: [
      { title: 'UPN', value: d.user?.userPrincipalName ?? '-' },
      { title: 'Licences', value: k.licences.length > 0 ? k.licences.join(', ') : 'None' },
      { title: 'Security group', value: k.securityGroup ?? 'None' },
      { title: 'Roles', value: k.roles.length > 0 ? k.roles.join(', ') : 'None' },
      { title: 'Access mode', value: k.accessMode ?? 'Not in the environment yet' },
    ],
    actions: diagnosisButtons(d),
  };
}

export const diagnosisCard = (...args: Parameters<typeof diagnosisView>): AdaptiveCard => renderCard('diagnosis', diagnosisView(...args));

export function syncingView(userName: string, environmentName: string) {
  return {
    title: `🔄 Syncing ${userName} to ${environmentName}…`,
    text: 'I asked Power Platform to add the user and am waiting for the user to appear in Dataverse. This card updates itself when done.',
  };
}

export const syncingCard = (...args: Parameters<typeof syncingView>): AdaptiveCard => renderCard('diagnosis-syncing', syncingView(...args));

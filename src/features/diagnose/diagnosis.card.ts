import { formatWhen } from '../../app/text';
import type { AdaptiveCard } from '../../app/turn';
import { renderCard } from '../../cards/render';
import type { CheckStatus, Diagnosis, Verdict } from '../../domain/access/diagnosis';
import type { CloudName } from '../../gateways/auth/clouds';
import { nextStep } from './next-steps';
import { button, DIAGNOSE_VERBS, type CardButton } from './verbs';

export { DIAGNOSE_VERBS };

export const STATUS_ICON: Record<CheckStatus, string> = { pass: '✅', fail: '❌', warn: '⚠️', info: 'ℹ️' };

/** The verdict's words, icon and container style; its text keeps the default colour, readable on that style in every Teams theme. */
export const VERDICT: Record<Verdict, { text: string; style: string; icon: string }> = {
  'can-access': { text: 'Can access', style: 'good', icon: '✅' },
  blocked: { text: 'Blocked', style: 'attention', icon: '❌' },
  'will-get-in-once-synced': { text: 'Will get in once synced', style: 'accent', icon: '🔄' },
  'at-risk': { text: 'At risk', style: 'warning', icon: '⚠️' },
};

export interface DiagnosisCardOptions {
  /** A line above the checklist, e.g. the result of a fix. */
  note?: { text: string; tone: 'good' | 'bad' };
  /** The cloud whose admin sites the "who can, and where" links open (config CLOUD); default public. */
  cloud?: CloudName;
}

/** The card's own buttons: Re-check. The fixes sit under the checks they fix (next-steps.ts). */
export function diagnosisButtons(d: Diagnosis): CardButton[] {
  if (!d.subject) return [];
  const key = d.subject.kind === 'application' ? d.subject.appId : d.subject.id;
  return [button('Re-check', DIAGNOSE_VERBS.check, { user: key, environment: d.environment.id })];
}

/** One check as the card shows it: its fix, then its next step (a button, or who can and where). */
function checkView(d: Diagnosis, c: Diagnosis['checks'][number], cloud: CloudName) {
  const next = nextStep(d, c, cloud);
  return {
    icon: STATUS_ICON[c.status],
    title: c.title,
    detail: c.detail,
    fix: c.status === 'pass' ? '' : (c.fix?.text ?? ''),
    who: next.who,
    buttons: next.buttons,
    links: next.link ? [next.link] : [],
  };
}

/** Who, as the card's second line says it. */
function subjectLine(d: Diagnosis): string {
  const s = d.subject;
  if (!s) return `Unknown person in ${d.environment.displayName}`;
  switch (s.kind) {
    case 'person':
      return `${s.displayName} (${s.userPrincipalName}) in ${d.environment.displayName}`;
    case 'deletedPerson':
      return `${s.displayName} (${s.userPrincipalName}), deleted account, in ${d.environment.displayName}`;
    case 'application':
      return `${s.displayName}, an application (app id ${s.appId}), in ${d.environment.displayName}`;
  }
}

/** The fact rows under the checks: what matters differs for a person, a deleted account and an application. */
function factsOf(d: Diagnosis): { title: string; value: string }[] {
  const k = d.keyFacts;
  const roles = { title: 'Roles', value: k.roles.length > 0 ? k.roles.join(', ') : 'None' };
  const s = d.subject;
  if (s?.kind === 'application') {
    return [
      { title: 'Kind', value: 'Application (service principal), not a person' },
      { title: 'App id', value: s.appId },
      { title: 'Object id', value: s.id },
      roles,
      { title: 'Access mode', value: k.accessMode ?? 'No application user in this environment' },
    ];
  }
  if (s?.kind === 'deletedPerson') {
    return [
      { title: 'UPN', value: s.userPrincipalName },
      { title: 'Deleted', value: formatWhen(Date.parse(s.deletedDateTime)) },
      { title: s.restorable ? 'Restorable until' : 'Restore window closed', value: s.restorableUntil ? formatWhen(Date.parse(s.restorableUntil)) : '-' },
      roles,
    ];
  }
  // The UPN is on the card once, in the line under the verdict.
  return [
    { title: 'Licences', value: k.licences.length > 0 ? k.licences.join(', ') : 'None' },
    { title: 'Security group', value: k.securityGroup ?? 'None' },
    roles,
    { title: 'Access mode', value: k.accessMode ?? 'Not in the environment yet' },
  ];
}

export function diagnosisView(d: Diagnosis, options: DiagnosisCardOptions = {}) {
  const verdict = VERDICT[d.verdict];
  return {
    verdictText: `${verdict.icon} ${verdict.text}`,
    verdictStyle: verdict.style,
    subject: subjectLine(d),
    headline: d.headline,
    note: options.note?.text ?? '',
    noteStyle: options.note?.tone === 'bad' ? 'attention' : 'good',
    checks: d.checks.map((c) => checkView(d, c, options.cloud ?? 'public')),
    facts: factsOf(d),
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

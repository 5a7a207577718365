import type { AdaptiveCard } from '../../app/turn';
import { renderCard } from '../../cards/render';
import type { Diagnosis } from '../../domain/access/diagnosis';
import type { DirectoryUser, Environment } from '../../gateways/types';
import { VERDICT } from './diagnosis.card';
import { DIAGNOSE_VERBS } from './verbs';

/** The first thing to look at in one environment: the first failing (or warning) check. */
function reason(d: Diagnosis): string {
  const first = d.checks.find((c) => c.status === 'fail') ?? d.checks.find((c) => c.status === 'warn');
  if (d.verdict === 'will-get-in-once-synced') return 'not added yet; a sync or first sign-in adds them';
  return first ? first.detail : 'every check passes';
}

/** "Where can Jane get in": every environment with its verdict and a Details button. */
export function matrixView(user: DirectoryUser, rows: readonly { environment: Environment; diagnosis: Diagnosis }[]) {
  const canAccess = rows.filter((r) => r.diagnosis.verdict === 'can-access' || r.diagnosis.verdict === 'at-risk').length;
  return {
    name: user.displayName,
    summary: `${user.userPrincipalName}: can get into ${canAccess} of ${rows.length} environment${rows.length === 1 ? '' : 's'}.`,
    rows: rows.map(({ environment, diagnosis }) => ({
      icon: VERDICT[diagnosis.verdict].icon,
      environment: environment.displayName,
      verdict: VERDICT[diagnosis.verdict].text,
      reason: reason(diagnosis),
      verb: DIAGNOSE_VERBS.check,
      data: { verb: DIAGNOSE_VERBS.check, user: user.id, environment: environment.id },
    })),
  };
}

export const matrixCard = (...args: Parameters<typeof matrixView>): AdaptiveCard => renderCard('diagnosis-matrix', matrixView(...args));

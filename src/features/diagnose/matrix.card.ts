import type { AdaptiveCard } from '../../app/turn';
import { renderCard } from '../../cards/render';
import type { Diagnosis, Verdict } from '../../domain/access/diagnosis';
import { subjectKey, subjectLabel, subjectName, type Subject } from '../../domain/access/subject';
import type { Environment } from '../../gateways/types';
import { VERDICT } from './diagnosis.card';
import { DIAGNOSE_VERBS } from './verbs';

/** The first thing to look at in one environment: the first failing (or warning) check. */
function reason(d: Diagnosis): string {
  const first = d.checks.find((c) => c.status === 'fail') ?? d.checks.find((c) => c.status === 'warn');
  if (d.verdict === 'will-get-in-once-synced') return 'not added yet; a sync or first sign-in adds them';
  return first ? first.detail : 'every check passes';
}

type MatrixRow = { environment: Environment; diagnosis: Diagnosis };

/** Rows the card shows; beyond them one line says how many more and where to see them (Teams' 80 KB limit). */
export const MATRIX_MAX_ROWS = 25;
const PROBLEMS_FIRST: Record<Verdict, number> = { blocked: 0, 'at-risk': 1, 'will-get-in-once-synced': 2, 'can-access': 3 };

function moreLine(subject: Subject, hidden: readonly MatrixRow[]): string {
  if (hidden.length === 0) return '';
  const blocked = hidden.filter((r) => r.diagnosis.verdict === 'blocked').length;
  const key = subject.kind === 'person' ? subject.user.userPrincipalName : subjectKey(subject);
  return (
    `…and ${hidden.length} more environment${hidden.length === 1 ? '' : 's'}${blocked > 0 ? ` (${blocked} blocked)` : ''}, not shown here. ` +
    `For all of them run \`npm run cli -- diagnose ${key} --everywhere --json\`, or narrow it down with **check ${subjectName(subject)} in** *environment*.`
  );
}

/** "Where can Jane get in" (or where an application works): each environment with its verdict and a Details button, problems first. */
export function matrixView(subject: Subject, rows: readonly MatrixRow[]) {
  const canAccess = rows.filter((r) => r.diagnosis.verdict === 'can-access' || r.diagnosis.verdict === 'at-risk').length;
  const sorted = [...rows].sort((a, b) => PROBLEMS_FIRST[a.diagnosis.verdict] - PROBLEMS_FIRST[b.diagnosis.verdict]);
  const verb = subject.kind === 'application' ? 'works in' : 'can get into';
  return {
    name: subjectName(subject),
    summary: `${subject.kind === 'person' ? subject.user.userPrincipalName : subjectLabel(subject)}: ${verb} ${canAccess} of ${rows.length} environment${rows.length === 1 ? '' : 's'}.`,
    more: moreLine(subject, sorted.slice(MATRIX_MAX_ROWS)),
    rows: sorted.slice(0, MATRIX_MAX_ROWS).map(({ environment, diagnosis }) => ({
      icon: VERDICT[diagnosis.verdict].icon,
      environment: environment.displayName,
      verdict: VERDICT[diagnosis.verdict].text,
      reason: reason(diagnosis),
      verb: DIAGNOSE_VERBS.check,
      data: { verb: DIAGNOSE_VERBS.check, user: subjectKey(subject), environment: environment.id },
    })),
  };
}

export const matrixCard = (...args: Parameters<typeof matrixView>): AdaptiveCard => renderCard('diagnosis-matrix', matrixView(...args));

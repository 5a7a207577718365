import type { AdaptiveCard } from '../../app/turn';
import { renderCard } from '../../cards/render';
import type { Diagnosis, Verdict } from '../../domain/access/diagnosis';
import { subjectKey, subjectLabel, subjectName, type Subject } from '../../domain/access/subject';
import type { Environment } from '../../gateways/types';
import { VERDICT } from './diagnosis.card';
import { DIAGNOSE_VERBS } from './verbs';

/** A check the bot could not make because it could not read the environment (e.g. no application user there). */
const COULD_NOT_READ = /^I couldn't read /;

type MatrixRow = { environment: Environment; diagnosis: Diagnosis };
type Standing = Verdict | 'could-not-check';

/** What the card may say about one environment: a verdict only where the bot could check; else "couldn't check". */
function standingOf(d: Diagnosis): Standing {
  if (d.verdict === 'blocked') return 'blocked';
  return d.checks.some((c) => c.status === 'warn' && COULD_NOT_READ.test(c.detail)) ? 'could-not-check' : d.verdict;
}

const COULD_NOT_CHECK = { text: "Couldn't check", icon: '❔' };

/** The first thing to look at in one environment: the first failing (or warning) check. */
function reason(d: Diagnosis, standing: Standing): string {
  if (standing === 'could-not-check') return d.checks.find((c) => COULD_NOT_READ.test(c.detail))?.detail ?? '';
  if (standing === 'will-get-in-once-synced') return 'not added yet; a sync or their first sign-in adds them';
  const first = d.checks.find((c) => c.status === 'fail') ?? d.checks.find((c) => c.status === 'warn');
  return first ? first.detail : 'every check passes';
}

/** Rows the card shows; beyond them one line says how many more and where to see them (Teams' 80 KB limit). */
export const MATRIX_MAX_ROWS = 25;
const PROBLEMS_FIRST: Record<Standing, number> = { blocked: 0, 'at-risk': 1, 'could-not-check': 2, 'will-get-in-once-synced': 3, 'can-access': 4 };

function moreLine(subject: Subject, hidden: readonly (MatrixRow & { standing: Standing })[]): string {
  if (hidden.length === 0) return '';
  const blocked = hidden.filter((r) => r.standing === 'blocked').length;
  const key = subject.kind === 'person' ? subject.user.userPrincipalName : subjectKey(subject);
  return (
    `…and ${hidden.length} more environment${hidden.length === 1 ? '' : 's'}${blocked > 0 ? ` (${blocked} blocked)` : ''}, not shown here. ` +
    `For all of them run \`npm run cli -- diagnose ${key} --everywhere --json\`, or narrow it down with **check ${subjectName(subject)} in** *environment*.`
  );
}

/** "can get into 2 of 11 environments; 1 I couldn't check": only what was verified counts as access. */
function summaryOf(subject: Subject, rows: readonly { standing: Standing }[]): string {
  const canAccess = rows.filter((r) => r.standing === 'can-access' || r.standing === 'at-risk').length;
  const unchecked = rows.filter((r) => r.standing === 'could-not-check').length;
  const verb = subject.kind === 'application' ? 'works in' : 'can get into';
  const who = subject.kind === 'person' ? subject.user.userPrincipalName : subjectLabel(subject);
  const also = unchecked > 0 ? `; ${unchecked} I couldn't check` : '';
  return `${who}: ${verb} ${canAccess} of ${rows.length} environment${rows.length === 1 ? '' : 's'}${also}.`;
}

/**
 * "Where can Jane get in" (or where an application works): each environment with its verdict and a
 * Details button, problems first. An environment the bot could not read says so and never counts as access.
 */
export function matrixView(subject: Subject, rows: readonly MatrixRow[]) {
  const judged = rows.map((row) => ({ ...row, standing: standingOf(row.diagnosis) }));
  const sorted = [...judged].sort((a, b) => PROBLEMS_FIRST[a.standing] - PROBLEMS_FIRST[b.standing]);
  return {
    name: subjectName(subject),
    summary: summaryOf(subject, judged),
    more: moreLine(subject, sorted.slice(MATRIX_MAX_ROWS)),
    rows: sorted.slice(0, MATRIX_MAX_ROWS).map(({ environment, diagnosis, standing }) => {
      const shown = standing === 'could-not-check' ? COULD_NOT_CHECK : VERDICT[standing];
      return {
        icon: shown.icon,
        environment: environment.displayName,
        verdict: shown.text,
        reason: reason(diagnosis, standing),
        verb: DIAGNOSE_VERBS.detail,
        data: { verb: DIAGNOSE_VERBS.detail, user: subjectKey(subject), environment: environment.id },
      };
    }),
  };
}

export const matrixCard = (...args: Parameters<typeof matrixView>): AdaptiveCard => renderCard('diagnosis-matrix', matrixView(...args));

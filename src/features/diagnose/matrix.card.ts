import { inert } from '../../app/text';
import type { AdaptiveCard } from '../../app/turn';
import { renderCard } from '../../cards/render';
import type { Diagnosis } from '../../domain/access/diagnosis';
import { subjectKey, subjectLabel, subjectName, type Subject } from '../../domain/access/subject';
import type { Environment } from '../../gateways/types';
import { VERDICT } from './diagnosis.card';
import { COULD_NOT_CHECK, PROBLEMS_FIRST, splitRows, type Standing } from './matrix-rest';
import { DIAGNOSE_VERBS } from './verbs';

export { MATRIX_MAX_ROWS } from './matrix-rest';

/** A check the bot could not make because it could not read the environment (e.g. no application user there). */
const COULD_NOT_READ = /^I couldn't read /;

type MatrixRow = { environment: Environment; diagnosis: Diagnosis };

/** What the card may say about one environment: a verdict only where the bot could check; else "couldn't check". */
function standingOf(d: Diagnosis): Standing {
  if (d.verdict === 'blocked') return 'blocked';
  return d.checks.some((c) => c.status === 'warn' && COULD_NOT_READ.test(c.detail)) ? 'could-not-check' : d.verdict;
}

/** The first thing to look at in one environment: the first failing (or warning) check. */
function reason(d: Diagnosis, standing: Standing): string {
  if (standing === 'could-not-check') return d.checks.find((c) => COULD_NOT_READ.test(c.detail))?.detail ?? '';
  if (standing === 'will-get-in-once-synced') return 'not added yet; a sync or their first sign-in adds them';
  const first = d.checks.find((c) => c.status === 'fail') ?? d.checks.find((c) => c.status === 'warn');
  return first ? first.detail : 'every check passes';
}

/** Under the summary lines: where to see every environment with its reason, and how to open one. */
function moreLine(subject: Subject): string {
  const key = subject.kind === 'person' ? subject.user.userPrincipalName : subjectKey(subject);
  return (
    `For every environment with its reason run \`npm run cli -- diagnose ${key} --everywhere --json\`, ` +
    `or open one with **check ${inert(subjectName(subject))} in** *environment*.`
  );
}

/** "can get into 2 of 11 environments; 1 I couldn't check": only what was verified counts as access. */
function summaryOf(subject: Subject, rows: readonly { standing: Standing }[]): string {
  const canAccess = rows.filter((r) => r.standing === 'can-access' || r.standing === 'at-risk').length;
  const unchecked = rows.filter((r) => r.standing === 'could-not-check').length;
  const verb = subject.kind === 'application' ? 'works in' : 'can get into';
  const who = subject.kind === 'person' ? subject.user.userPrincipalName : subjectLabel(subject);
  const also = unchecked > 0 ? `; ${unchecked} I couldn't check` : '';
  return `${inert(who)}: ${verb} ${canAccess} of ${rows.length} environment${rows.length === 1 ? '' : 's'}${also}.`;
}

/**
 * "Where can Jane get in" (or where an application works): each environment with its verdict and a
 * Details button, problems first. An environment the bot could not read says so and never counts as access.
 * In a bigger tenant the problems are the rows and the rest is summarised, a line per kind (splitRows).
 * Names from the tenant are escaped: every text here is a Markdown TextBlock.
 */
export function matrixView(subject: Subject, rows: readonly MatrixRow[]) {
  const judged = rows.map((row) => ({ ...row, standing: standingOf(row.diagnosis) }));
  const sorted = [...judged].sort((a, b) => PROBLEMS_FIRST[a.standing] - PROBLEMS_FIRST[b.standing]);
  const name = inert(subjectName(subject));
  const split = splitRows(sorted, name, subject.kind === 'application' ? 'works' : 'can get in');
  return {
    name,
    summary: summaryOf(subject, judged),
    rest: split.rest,
    more: split.rest.length > 0 ? moreLine(subject) : '',
    rows: split.rows.map(({ environment, diagnosis, standing }) => {
      const shown = standing === 'could-not-check' ? COULD_NOT_CHECK : VERDICT[standing];
      return {
        icon: shown.icon,
        environment: inert(environment.displayName),
        verdict: shown.text,
        reason: reason(diagnosis, standing),
        verb: DIAGNOSE_VERBS.detail,
        data: { verb: DIAGNOSE_VERBS.detail, user: subjectKey(subject), environment: environment.id },
      };
    }),
  };
}

export const matrixCard = (...args: Parameters<typeof matrixView>): AdaptiveCard => renderCard('diagnosis-matrix', matrixView(...args));

import type { AdaptiveCard } from '../../app/turn';
import { formatWhen } from '../../app/text';
import { renderCard } from '../../cards/render';
import type { AuditEntry } from '../../security/audit-log';

const RESULT_COLOR: Record<AuditEntry['result'], string> = { ok: 'Good', refused: 'Warning', failed: 'Attention' };

/**
 * Audit text comes from anyone who wrote to the bot, and admins read it here: a zero-width space
 * between `]` and `(` keeps `[text](url)` from rendering as a link, without changing what is shown.
 */
function noLinks(text: string): string {
  return text.split('](').join(']\u200b(');
}

/** The `audit` card: newest entries first, one block per entry (who, what, summary, when, where, result). */
export function auditCard(entries: readonly AuditEntry[], scope: string): AdaptiveCard {
  return renderCard('audit', {
    scope,
    emptyText: 'No audit entries match.',
    entries: entries.map((entry) => ({
      who: noLinks(entry.actorName),
      what: noLinks(entry.kind === 'refusal' ? `${entry.what} (refused)` : entry.what),
      summary: noLinks(entry.summary) || '-',
      when: formatWhen(entry.at),
      where: entry.environment ?? 'no environment',
      result: entry.code ? `${entry.result} · ${entry.code}` : entry.result,
      resultColor: RESULT_COLOR[entry.result],
    })),
  });
}

import type { AdaptiveCard } from '../../app/turn';
import { formatWhen, inert } from '../../app/text';
import { renderCard } from '../../cards/render';
import type { AuditEntry } from '../../security/audit-log';
import { auditSentence } from './audit-sentences';

/**
 * The `audit` card: newest first, one sentence per entry with names ("Nadia Rahman added Jane Doe to
 * UAT Access"), then when and where. Everything people typed or named is shown inert (no links,
 * images or markup); no ids, codes or raw data reach the card.
 */
export function auditCard(entries: readonly AuditEntry[], scope: string, hint = ''): AdaptiveCard {
  return renderCard('audit', {
    scope,
    hint,
    emptyText: 'No audit entries match.',
    entries: entries.map((entry) => ({
      sentence: auditSentence(entry),
      when: [formatWhen(entry.at), entry.environment ? inert(entry.environment) : ''].filter((part) => part !== '').join(' · '),
    })),
  });
}

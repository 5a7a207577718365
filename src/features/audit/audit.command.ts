import type { TextCommand } from '../../app/routes';
import { securityFor } from '../../security/guard';
import type { AuditFilter } from '../../security/audit-log';
import { auditCard } from './audit.card';

/** Entries shown on the card: enough to see what happened recently, small enough for Teams (< 80 KB). */
export const AUDIT_CARD_ENTRIES = 30;

type AuditParams = Pick<AuditFilter, 'user' | 'environment'>;

const PATTERN = /^audit(?:\s+(user|by|env|environment)\s+(.+))?$/i;

export function parseAudit(text: string): AuditParams | null {
  const match = PATTERN.exec(text.trim());
  if (!match) return null;
  const [, kind, rawValue] = match;
  if (!kind || !rawValue) return {};
  const value = rawValue.replace(/^["'“‘](.*)["'”’]$/u, '$1').trim().slice(0, 100);
  if (value === '') return null;
  return /^(user|by)$/i.test(kind) ? { user: value } : { environment: value };
}

function scopeOf(params: AuditParams, count: number): string {
  const filter = params.user ? ` by users matching "${params.user}"` : params.environment ? ` in environments matching "${params.environment}"` : '';
  return `Latest ${count} entr${count === 1 ? 'y' : 'ies'}${filter}, newest first`;
}

export const auditCommand: TextCommand<AuditParams> = {
  name: 'audit',
  usage: 'audit [user <name> | env <environment>]',
  summary: 'Show the audit trail: who asked the bot to do what, where, and what happened (admins).',
  examples: ['audit', 'audit user Liam', 'audit env UAT'],
  access: 'admin',
  parse: parseAudit,
  async run(turn, params, deps) {
    const entries = await securityFor(deps).audit.list({ ...params, limit: AUDIT_CARD_ENTRIES });
    await turn.replyCard(auditCard(entries, scopeOf(params, entries.length)));
  },
};

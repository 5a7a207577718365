import type { TextCommand } from '../../app/routes';
import { inert } from '../../app/text';
import { securityFor } from '../../security/guard';
import type { AuditEntry, AuditFilter } from '../../security/audit-log';
import type { Deps } from '../../app/deps';
import { tenantCache } from '../../gateways/tenant-cache';
import { isEnvironmentId } from '../../ids';
import { auditCard } from './audit.card';
import { CHANGE_REQUESTS } from './audit-sentences';

/** Entries shown on the card: enough to see what happened recently, small enough for Teams (< 80 KB). */
export const AUDIT_CARD_ENTRIES = 30;

/** `all`: every request, lookups included; without it, changes and refusals only. */
type AuditParams = Pick<AuditFilter, 'user' | 'environment'> & { all?: boolean };

const PATTERN = /^audit(?:\s+(all|everything))?(?:\s+(user|by|env|environment)\s+(.+))?$/i;

export function parseAudit(text: string): AuditParams | null {
  const match = PATTERN.exec(text.trim());
  if (!match) return null;
  const [, all, kind, rawValue] = match;
  const scope = all ? { all: true } : {};
  if (!kind || !rawValue) return scope;
  const value = rawValue.replace(/^["'“‘](.*)["'”’]$/u, '$1').trim().slice(0, 100);
  if (value === '') return null;
  return /^(user|by)$/i.test(kind) ? { ...scope, user: value } : { ...scope, environment: value };
}

function scopeOf(params: AuditParams, count: number): string {
  const filter = params.user ? ` by people matching "${inert(params.user)}"` : params.environment ? ` in environments matching "${inert(params.environment)}"` : '';
  return `${params.all ? 'Everything' : 'Changes and refusals'}${filter}, newest first (latest ${count})`;
}

const hintOf = (params: AuditParams) =>
  params.all ? 'Type **audit** for changes and refusals only.' : 'Type **audit all** to see every request, lookups included.';

/** Refused requests keep the environment id their card carried: the card shows environments by name only. */
async function withEnvironmentNames(deps: Deps, entries: AuditEntry[]): Promise<AuditEntry[]> {
  if (!entries.some((e) => e.environment !== null && isEnvironmentId(e.environment))) return entries;
  const environments = await tenantCache(deps).environments().catch(() => []);
  const name = (id: string) => environments.find((e) => e.id.toLowerCase() === id.toLowerCase())?.displayName ?? 'an environment no longer in the tenant';
  return entries.map((e) => (e.environment !== null && isEnvironmentId(e.environment) ? { ...e, environment: name(e.environment) } : e));
}

export const auditCommand: TextCommand<AuditParams> = {
  name: 'audit',
  usage: 'audit [all] [user <name> | env <environment>]',
  summary: 'Show the audit trail: who changed what, where, and what the bot refused; "all" adds every lookup (admins).',
  examples: ['audit', 'audit all', 'audit user Liam', 'audit env UAT'],
  access: 'admin',
  parse: parseAudit,
  async run(turn, params, deps) {
    const { all, ...filter } = params;
    const entries = await securityFor(deps).audit.list({ ...filter, ...(all ? {} : { changesOnly: CHANGE_REQUESTS }), limit: AUDIT_CARD_ENTRIES });
    await turn.replyCard(auditCard(await withEnvironmentNames(deps, entries), scopeOf(params, entries.length), hintOf(params)));
  },
};

import type { Deps } from '../../../app/deps';
import { securityFor } from '../../../security/guard';

export interface ChangeRecord {
  actor: { aadObjectId: string | null; name: string };
  /** e.g. `roles.give`, `business-units.move`, `group-teams.link`. */
  what: string;
  /** What changed, with names: "Gave Jane Doe the Finance Clerk role (business unit Finance)". */
  summary: string;
  environment: string;
  result: 'ok' | 'failed';
  code?: string | null;
  conversation?: string | null;
}

/** One audit row per change made in a tenant, with names rather than ids (src/security/audit-log.ts). */
export async function recordChange(deps: Deps, change: ChangeRecord): Promise<void> {
  await securityFor(deps).audit.record({
    actor: change.actor,
    kind: 'fix',
    what: change.what,
    summary: change.summary,
    environment: change.environment,
    result: change.result,
    code: change.code ?? null,
    conversation: change.conversation ?? null,
  });
}

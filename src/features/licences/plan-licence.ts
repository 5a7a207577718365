import type { Deps } from '../../app/deps';
import { licenceEntitlements, usableClasses } from '../../domain/licensing';
import type { DirectoryUser, LicensingGroup } from '../../gateways/types';
import { answer, type Answer } from '../roles/shared/answer';
import { findEnvironment, findPerson } from '../roles/shared/find-target';
import { dataverseSkus, failedAssignments, licenceFixes, type DataverseSku, type LicenceFix } from './licence-options';
import { buyText, fixKey, fixTitle, usageLocationText } from './licence-words';

/** `licence for Jane [in UAT]`: the person, and optionally the environment a "Sync now" should follow into. */
export interface LicenceRequest {
  person: string;
  environment: string | null;
  /** An alternative's key (licence-words.ts `fixKey`); null: the first fix the tenant allows. */
  choice: string | null;
}

/** What a confirmed fix needs, with names for the card and the audit trail (stored with the confirmation). */
export interface LicencePlan {
  person: { id: string; displayName: string; userPrincipalName: string };
  environment: { id: string; displayName: string } | null;
  fix: Extract<LicenceFix, { kind: 'group' | 'direct' }>;
}

export type LicenceOutcome =
  | { kind: 'answer'; answer: Answer }
  | { kind: 'ready'; plan: LicencePlan; question: { title: string; text: string }; alternatives: Answer['choices'] };

/** The command a choice button runs: the same request with the person and environment as ids and one fix picked. */
export function licenceCommand(request: { person: string; environment: string | null; choice?: string | null }): string {
  return `licence for ${request.person}${request.environment ? ` in ${request.environment}` : ''}${request.choice ? ` using ${request.choice}` : ''}`;
}

/**
 * Reads what a licence fix depends on and picks it: the person's licences, usage location and groups (2 Graph
 * requests), the tenant's SKUs with their units (cached), and for each Dataverse-capable SKU the groups that
 * assign it (one request each). Nothing changes here.
 */
export async function planLicence(deps: Deps, request: LicenceRequest): Promise<LicenceOutcome> {
  const environment = request.environment ? await findEnvironment(deps, request.environment, (env) => licenceCommand({ ...request, environment: env })) : null;
  if (environment && !environment.ok) return { kind: 'answer', answer: environment.answer };
  const env = environment?.value ?? null;
  const person = await findPerson(deps, request.person, (id) => licenceCommand({ ...request, person: id, environment: env?.id ?? null }));
  if (!person.ok) return { kind: 'answer', answer: person.answer };
  const user = person.value;
  // SKUs are read fresh, not from the tenant cache: their free units change with every assignment.
  const [licensing, memberships, skus] = await Promise.all([deps.graph.getUserLicensing(user.id), deps.graph.getMemberOf(user.id), deps.graph.listSubscribedSkus()]);
  const who = user.displayName;
  if (!licensing) return { kind: 'answer', answer: answer(`${who} no longer exists in Entra ID.`) };
  const held = usableClasses(licenceEntitlements(licensing.assignedLicenses, skus));
  if (held.has('premium') || held.has('dynamics')) {
    return { kind: 'answer', answer: answer(`${who} already has a licence with full Dataverse access, so there is no licence to add. If the diagnosis still fails, its other checks say why.`) };
  }
  const candidates = dataverseSkus(skus).filter((sku) => sku.rank === 0 || !held.has('perApp'));
  const groupsBySku = new Map<string, LicensingGroup[]>();
  await Promise.all(candidates.filter((sku) => sku.free > 0).map(async (sku) => groupsBySku.set(sku.skuId.toLowerCase(), await deps.graph.findLicensingGroups(sku.skuId))));
  const memberOf = new Set(memberships.groups.map((g) => g.id.toLowerCase()));
  const fixes = licenceFixes({ skus: candidates, groupsBySku, memberOf, licensing });
  const groupNames = new Map(memberships.groups.map((g) => [g.id.toLowerCase(), g.displayName]));
  const notes = failedAssignments(licensing, skus, (id) => groupNames.get(id.toLowerCase()) ?? 'a group');
  // A direct assignment asked for by its SKU is the usage-location answer when the person has no usage location.
  const chosen = request.choice ? fixes.find((f) => fixKey(f) === request.choice || fixKey(f) === request.choice?.replace(/^direct:/, 'usage-location:')) : fixes[0];
  const others = fixes.filter((f) => f !== chosen && (f.kind === 'group' || f.kind === 'direct')).slice(0, 3);
  const alternatives = others.map((f) => ({ title: fixTitle(f, who), command: licenceCommand({ person: user.id, environment: env?.id ?? null, choice: fixKey(f) }) }));
  if (!chosen) return { kind: 'answer', answer: answer(`That way of licensing ${who} isn't available any more (the group or the free units changed). What the tenant allows now:`, alternatives) };
  return present(user, env, chosen, notes, alternatives);
}

function present(user: DirectoryUser, env: { id: string; displayName: string } | null, fix: LicenceFix, notes: string[], alternatives: Answer['choices']): LicenceOutcome {
  const who = user.displayName;
  const noted = notes.length > 0 ? ` Note: ${notes.join('; ')}.` : '';
  if (fix.kind === 'usage-location') return { kind: 'answer', answer: answer(`${usageLocationText(who, fix.sku)}${noted}`, alternatives) };
  if (fix.kind === 'buy') return { kind: 'answer', answer: answer(`${buyText(fix.sku)}${noted}`, alternatives) };
  const plan: LicencePlan = { person: { id: user.id, displayName: who, userPrincipalName: user.userPrincipalName }, environment: env ? { id: env.id, displayName: env.displayName } : null, fix };
  const lag = `Licences take a while to reach Dataverse: afterwards I offer a sync that waits for it${env ? ` in ${env.displayName}` : ''}.`;
  const question =
    fix.kind === 'group'
      ? {
          title: `Add ${who} to ${fix.groupName}?`,
          text: `${who} (${user.userPrincipalName}) becomes a direct member of ${fix.groupName}, which assigns ${fix.sku.product} to its members (group-based licensing; ${units(fix.sku)}). Entra gives the licence shortly after. ${lag}${noted}`,
        }
      : {
          title: `Assign ${who} a ${fix.sku.product} licence?`,
          text: `Microsoft Graph assigns ${fix.sku.product} to ${who} (${user.userPrincipalName}) directly: ${units(fix.sku)}, so ${fix.sku.free - 1} remain afterwards. ${lag}${noted}`,
        };
  return { kind: 'ready', plan, question, alternatives };
}

const units = (sku: DataverseSku): string => `${sku.free} unit${sku.free === 1 ? '' : 's'} free`;

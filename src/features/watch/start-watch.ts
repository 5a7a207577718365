import type { Deps } from '../../app/deps';
import { tenantCache } from '../../gateways/tenant-cache';
import { inert, tooLongName } from '../../app/text';
import type { Turn } from '../../app/turn';
import { confirmBeforeSync } from '../../domain/confirm-before-sync';
import { resolveEnvironment, resolveGroup } from '../../domain/resolve';
import type { WatchRequest } from './parse-watch';
import { environmentChoices, noDataverse, replyEnvironmentNotFound } from '../environments/environment-replies';
import { addWatch } from './watch-store';

/**
 * `watch <group> for <environment>`: remembers where the group's member list stands now (a Graph
 * delta link), so each later check syncs only the people added since.
 */
export async function startWatch(turn: Turn, request: WatchRequest, deps: Deps): Promise<void> {
  const refused = tooLongName([request.group], 'group name') ?? tooLongName([request.environment], 'environment name');
  if (refused) return turn.reply(refused);
  await turn.typing();
  const env = resolveEnvironment(request.environment, await tenantCache(deps).environments());
  const again = (environment: string) => `watch ${request.group} for ${environment}`;
  if (env.kind === 'not-found') return replyEnvironmentNotFound(turn, request.environment, env.suggestions.filter((e) => e.dataverse), again);
  if (env.kind === 'ambiguous') {
    await turn.replyCard(environmentChoices(`Several environments match "${inert(request.environment)}". Which one?`, env.candidates, again));
    return;
  }
  const environment = env.value;
  if (!environment.dataverse) return turn.reply(noDataverse(environment));
  if (confirmBeforeSync(environment)) {
    return turn.reply(
      `I don't watch groups for ${environment.displayName}: it is a Production environment, where every sync needs a person to confirm it. Sync new people there with **sync … to ${environment.displayName}**.`,
    );
  }
  const found = await resolveGroup(request.group, deps.graph);
  if (found.kind !== 'found') {
    const names = (found.kind === 'ambiguous' ? found.candidates : found.suggestions).map((g) => g.displayName);
    const lead = found.kind === 'ambiguous' ? `Several groups match "${inert(request.group)}"` : `I can't find a group called "${inert(request.group)}" (I can only watch groups)`;
    return turn.reply(`${lead}.${names.length > 0 ? ` ${found.kind === 'ambiguous' ? 'Which one:' : 'Did you mean'} ${names.join(', ')}?` : ''}`);
  }
  const group = found.value;
  const baseline = await deps.graph.groupMemberDelta(group.id);
  if (!baseline.deltaLink) throw new Error(`Graph gave no delta link for group ${group.id}`);
  const added = await addWatch(deps.db, {
    group: { id: group.id, displayName: group.displayName },
    environment: { id: environment.id, displayName: environment.displayName, instanceUrl: environment.dataverse.instanceUrl },
    conversationKey: turn.conversationKey,
    createdBy: { aadObjectId: turn.caller.aadObjectId ?? null, name: turn.caller.name },
    deltaLink: baseline.deltaLink,
    createdAt: deps.now(),
  });
  if (!added) return turn.reply(`I already watch **${group.displayName}** for **${environment.displayName}**. Type **watches** to see every watch.`);
  const minutes = Math.round(deps.config.watchIntervalSeconds / 60);
  const present = baseline.changes.filter((c) => !c.removed).length;
  await turn.reply(
    `Watching **${group.displayName}** for **${environment.displayName}**: about every ${minutes > 1 ? `${minutes} minutes` : 'minute'} I sync the people added to the group since now (direct members) and post each sync here. ` +
      `The ${present} ${present === 1 ? 'member' : 'members'} it has now are not synced by the watch: **sync ${group.displayName} to ${environment.displayName}** does that. ` +
      `Say **stop watching ${group.displayName}** to stop.`,
  );
}

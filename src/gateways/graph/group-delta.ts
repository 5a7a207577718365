import { odataString, queryString } from '../odata';
import type { GroupDeltaPage } from '../types';
import type { GraphRequester } from './graph-requester';
import { values } from './graph-mappers';
import { isRecord } from '../http/wire';

/**
 * One round of `/groups/delta?$filter=id eq '{id}'` (follows nextLinks until a deltaLink).
 * Without a deltaLink the round lists every current member as added.
 */
export async function groupMemberDelta(graph: GraphRequester, groupId: string, deltaLink?: string): Promise<GroupDeltaPage> {
  const changes: GroupDeltaPage['changes'] = [];
  const start = deltaLink ?? `/groups/delta${queryString({ $filter: `id eq ${odataString(groupId)}`, $select: 'id,displayName,members' })}`;
  for await (const page of graph.pages(start)) {
    for (const group of values(page)) {
      const members = group['members@delta'];
      if (!Array.isArray(members)) continue;
      for (const member of members.filter(isRecord)) {
        changes.push({ groupId: String(group.id ?? groupId), memberId: String(member.id), removed: member['@removed'] !== undefined });
      }
    }
    const link = page['@odata.deltaLink'];
    if (typeof link === 'string' && link !== '') return { changes, deltaLink: link };
  }
  return { changes };
}

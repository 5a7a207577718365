import { invalidInput } from '../../errors';
import { isGuid } from '../../ids';
import { looksLikeUpn, odataString, queryString } from '../odata';
import type { DirectoryGroup, DirectoryUser, GraphGateway, GroupDeltaPage, GroupMember, SubscribedSku, UserMemberships } from '../types';
import { groupMemberDelta } from './group-delta';
import type { GraphRequester } from './graph-requester';
import { GROUP_SELECT, USER_SELECT, clampTop, odataType, toGroup, toMember, toRole, toSku, toUser, values } from './graph-mappers';
import { findUsers } from './user-search';
import { findDeletedUsers, findServicePrincipals, getDeletedUser, getServicePrincipalByAppId } from './directory-lookups';
import { assignLicence, findLicensingGroups, getUserLicensing } from './licensing';
import { GraphWriteError } from './write-errors';

const PAGE = 999;
const GROUP_TYPE = '#microsoft.graph.group';
const ROLE_TYPE = '#microsoft.graph.directoryRole';

export function createGraphGateway(graph: GraphRequester): GraphGateway {
  const ids = async (path: string, type?: string): Promise<string[]> => {
    const found: string[] = [];
    for await (const page of graph.pages(path)) {
      for (const item of values(page)) if (!type || odataType(item) === type) found.push(String(item.id));
    }
    return found;
  };
  const isDirectMember = async (userId: string, groupId: string): Promise<boolean> =>
    (await ids(`/users/${userId}/memberOf${queryString({ $top: PAGE, $select: 'id' })}`, GROUP_TYPE)).some((id) => id.toLowerCase() === groupId.toLowerCase());

  return {
    async getUser(idOrUpn: string): Promise<DirectoryUser | null> {
      if (!isGuid(idOrUpn) && !looksLikeUpn(idOrUpn)) throw invalidInput(`"${idOrUpn}" is neither a user object id nor a user principal name.`);
      const body = await graph.getOrNull(`/users/${encodeURIComponent(idOrUpn)}${queryString({ $select: USER_SELECT })}`);
      return body ? toUser(body) : null;
    },

    findUsers: (query, limit) => findUsers(graph, query, limit),
    findDeletedUsers: (query, limit) => findDeletedUsers(graph, query, limit),
    getDeletedUser: (id) => getDeletedUser(graph, id),
    getServicePrincipalByAppId: (appId) => getServicePrincipalByAppId(graph, appId),
    findServicePrincipals: (query, limit) => findServicePrincipals(graph, query, limit),

    async findGroups(query: string, limit: number): Promise<DirectoryGroup[]> {
      const text = query.trim();
      const top = clampTop(limit);
      if (text === '') return [];
      if (isGuid(text)) {
        const group = await this.getGroup(text);
        return group ? [group] : [];
      }
      for (const filter of [`displayName eq ${odataString(text)}`, `startswith(displayName,${odataString(text)})`]) {
        const body = await graph.get(`/groups${queryString({ $filter: filter, $select: GROUP_SELECT, $top: top })}`);
        const groups = values(body).map(toGroup);
        if (groups.length > 0) return groups.slice(0, top);
      }
      return [];
    },

    async getGroup(id: string): Promise<DirectoryGroup | null> {
      assertGuid(id, 'group');
      const body = await graph.getOrNull(`/groups/${id}${queryString({ $select: GROUP_SELECT })}`);
      return body ? toGroup(body) : null;
    },

    async *listGroupMembers(groupId: string, options: { transitive?: boolean } = {}): AsyncIterable<GroupMember[]> {
      assertGuid(groupId, 'group');
      const relation = options.transitive ? 'transitiveMembers' : 'members';
      const select = `${USER_SELECT},securityEnabled,mailEnabled,groupTypes`;
      for await (const page of graph.pages(`/groups/${groupId}/${relation}${queryString({ $top: PAGE, $select: select })}`)) {
        yield values(page).map(toMember);
      }
    },

    async listGroupOwnerIds(groupId: string): Promise<string[]> {
      assertGuid(groupId, 'group');
      // "List group owners" documents $filter, $count, $select, $search and $expand, not $top: the default page (100) and its nextLinks.
      return ids(`/groups/${groupId}/owners${queryString({ $select: 'id' })}`);
    },

    async getMemberOf(userId: string): Promise<UserMemberships> {
      assertGuid(userId, 'user');
      const memberships: UserMemberships = { groups: [], roles: [] };
      const select = `${GROUP_SELECT},roleTemplateId`;
      for await (const page of graph.pages(`/users/${userId}/memberOf${queryString({ $top: PAGE, $select: select })}`)) {
        for (const item of values(page)) {
          if (odataType(item) === GROUP_TYPE) memberships.groups.push(toGroup(item));
          else if (odataType(item) === ROLE_TYPE) memberships.roles.push(toRole(item));
        }
      }
      return memberships;
    },

    async getTransitiveGroupIds(userId: string): Promise<string[]> {
      assertGuid(userId, 'user');
      return ids(`/users/${userId}/transitiveMemberOf${queryString({ $top: PAGE, $select: 'id' })}`, GROUP_TYPE);
    },

    async listDirectoryRoleMemberIds(roleTemplateId: string): Promise<string[]> {
      assertGuid(roleTemplateId, 'role template');
      // 404 = the role was never activated in this tenant, so nobody holds it.
      const first = await graph.getOrNull(`/directoryRoles(roleTemplateId=${odataString(roleTemplateId)})/members${queryString({ $select: 'id' })}`);
      if (!first) return [];
      const found = values(first).map((item) => String(item.id));
      const next = first['@odata.nextLink'];
      return typeof next === 'string' ? [...found, ...(await ids(next))] : found;
    },

    async listSubscribedSkus(): Promise<SubscribedSku[]> {
      const skus: SubscribedSku[] = [];
      for await (const page of graph.pages('/subscribedSkus')) skus.push(...values(page).map(toSku));
      return skus;
    },

    async addGroupMember(groupId: string, userId: string): Promise<void> {
      assertGuid(groupId, 'group');
      assertGuid(userId, 'user');
      let badRequest = false;
      try {
        await graph.post(`/groups/${groupId}/members/$ref`, { '@odata.id': graph.directoryObjectUrl(userId) }, (error) => {
          badRequest = error.statusCode === 400 && error.code === 'Request_BadRequest';
          return false;
        });
      } catch (error) {
        // Graph answers an existing member with Request_BadRequest, as it does other bad references; only the membership tells them apart.
        if (badRequest && (await isDirectMember(userId, groupId))) return;
        throw error;
      }
    },

    async removeGroupMember(groupId: string, userId: string): Promise<'removed' | 'not-a-member'> {
      assertGuid(groupId, 'group');
      assertGuid(userId, 'user');
      try {
        await graph.write('DELETE', `/groups/${groupId}/members/${userId}/$ref`, undefined, 'GroupMember.ReadWrite.All');
        return 'removed';
      } catch (error) {
        // "Remove member" answers 404 Request_ResourceNotFound when the user is not (or no longer) a direct member.
        if (error instanceof GraphWriteError && error.refusal.status === 404) return 'not-a-member';
        throw error;
      }
    },

    getUserLicensing: (userId) => getUserLicensing(graph, userId),
    findLicensingGroups: (skuId) => findLicensingGroups(graph, skuId),
    assignLicence(userId, add, remove) {
      assertGuid(userId, 'user');
      return assignLicence(graph, userId, add, remove);
    },

    groupMemberDelta: (groupId: string, deltaLink?: string): Promise<GroupDeltaPage> => {
      assertGuid(groupId, 'group');
      return groupMemberDelta(graph, groupId, deltaLink);
    },
  };
}

function assertGuid(id: string, what: string): void {
  if (!isGuid(id)) throw invalidInput(`"${id}" is not a valid ${what} id (a GUID).`);
}

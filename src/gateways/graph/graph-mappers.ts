import { num, record, records as list, str, strOrNull, strings, type WireObject as Wire } from '../http/wire';
import type { DeletedUser, DirectoryGroup, DirectoryRole, DirectoryUser, GroupMember, ServicePrincipal, SubscribedSku } from '../types';

export const USER_SELECT = 'id,displayName,givenName,surname,userPrincipalName,mail,userType,accountEnabled,assignedLicenses';
export const GROUP_SELECT = 'id,displayName,securityEnabled,mailEnabled,groupTypes';
export const DELETED_USER_SELECT = 'id,displayName,givenName,userPrincipalName,mail,deletedDateTime';
export const SERVICE_PRINCIPAL_SELECT = 'id,appId,displayName,accountEnabled';


/** A caller's result limit as a valid Graph $top (1..999). */
export const clampTop = (limit: number): number => Math.max(1, Math.min(999, Math.floor(Number.isFinite(limit) ? limit : 1)));

export const odataType = (wire: Wire): string => str(wire['@odata.type']);
export const values = (page: Wire): Wire[] => list(page.value);

export function toUser(wire: Wire): DirectoryUser {
  // One literal, no spread of a shared part: a group sync maps every member of every page.
  return {
    id: str(wire.id),
    displayName: str(wire.displayName),
    userPrincipalName: str(wire.userPrincipalName),
    mail: strOrNull(wire.mail),
    givenName: strOrNull(wire.givenName),
    surname: strOrNull(wire.surname),
    userType: wire.userType === 'Guest' ? 'Guest' : 'Member',
    accountEnabled: wire.accountEnabled === true,
    assignedLicenses: list(wire.assignedLicenses).map((license) => ({ skuId: str(license.skuId), disabledPlans: strings(license.disabledPlans) })),
  };
}

/** What a deleted user shares with a live one, read the same way (a short list: not a hot path). */
export function toDeletedUser(wire: Wire): DeletedUser {
  const { id, displayName, userPrincipalName, mail, givenName } = toUser(wire);
  return { id, displayName, userPrincipalName, mail, givenName, deletedDateTime: str(wire.deletedDateTime) };
}

export function toServicePrincipal(wire: Wire): ServicePrincipal {
  return { id: str(wire.id), appId: str(wire.appId), displayName: str(wire.displayName), accountEnabled: wire.accountEnabled !== false };
}

export function toGroup(wire: Wire): DirectoryGroup {
  return {
    id: str(wire.id),
    displayName: str(wire.displayName),
    securityEnabled: wire.securityEnabled === true,
    mailEnabled: wire.mailEnabled === true,
    groupTypes: strings(wire.groupTypes),
  };
}

export function toRole(wire: Wire): DirectoryRole {
  return { id: str(wire.id), displayName: str(wire.displayName), roleTemplateId: str(wire.roleTemplateId) };
}

export function toMember(wire: Wire): GroupMember {
  const type = odataType(wire);
  if (type === '#microsoft.graph.user') return Object.assign(toUser(wire), { kind: 'user' as const });
  if (type === '#microsoft.graph.group') return { kind: 'group', ...toGroup(wire) };
  return { kind: 'other', id: str(wire.id), odataType: type };
}

export function toSku(wire: Wire): SubscribedSku {
  return {
    skuId: str(wire.skuId),
    skuPartNumber: str(wire.skuPartNumber),
    capabilityStatus: str(wire.capabilityStatus),
    units: { enabled: num(record(wire.prepaidUnits).enabled, 0), consumed: num(wire.consumedUnits, 0) },
    servicePlans: list(wire.servicePlans).map((plan) => ({
      servicePlanId: str(plan.servicePlanId),
      servicePlanName: str(plan.servicePlanName),
      provisioningStatus: str(plan.provisioningStatus),
    })),
  };
}

/**
 * Who may do what. The caller is the Entra object id Teams puts in `activity.from.aadObjectId`;
 * transitive membership of the configured admins group makes them an admin (sync, fixes,
 * notifications, audit), of the helpdesk group a helpdesk user (read-only checks and history).
 * Everyone else is refused with the name of the group whose members can help.
 */
import type { Access } from '../app/routes';
import type { Caller } from '../app/turn';
import { AppError } from '../errors';
import { isGuid } from '../ids';
import type { GraphGateway } from '../gateways/types';

export type Role = 'admin' | 'helpdesk' | 'none';

export interface RoleSettings {
  readonly adminsGroupId: string | null;
  readonly helpdeskGroupId: string | null;
  /** How long a person's memberships are reused before Graph is asked again. */
  readonly cacheSeconds: number;
}

export interface RoleResolver {
  roleOf(aadObjectId: string): Promise<Role>;
  /** Display name of the configured group, for messages; a description when it is not configured or not found. */
  groupName(which: 'admins' | 'helpdesk'): Promise<string>;
}

type RoleGraph = Pick<GraphGateway, 'getTransitiveGroupIds' | 'getGroup' | 'getUser'>;

export function createRoleResolver(graph: RoleGraph, settings: RoleSettings, now: () => number): RoleResolver {
  const roles = new Map<string, { role: Promise<Role>; expiresAt: number }>();
  const names = new Map<string, Promise<string>>();
  const admins = settings.adminsGroupId?.toLowerCase() ?? null;
  const helpdesk = settings.helpdeskGroupId?.toLowerCase() ?? null;

  async function lookUp(aadObjectId: string): Promise<Role> {
    // An id that is not a person of this tenant (another tenant's user, a forged id) has no role.
    if (!isGuid(aadObjectId)) return 'none';
    let groupIds: string[];
    try {
      groupIds = (await graph.getTransitiveGroupIds(aadObjectId)).map((id) => id.toLowerCase());
    } catch (error) {
      // Graph answers 404 for an unknown user; tell that apart from Graph being unavailable.
      if (error instanceof AppError && (error.code === 'input.not_found' || (await graph.getUser(aadObjectId)) === null)) return 'none';
      throw error;
    }
    if (admins && groupIds.includes(admins)) return 'admin';
    if (helpdesk && groupIds.includes(helpdesk)) return 'helpdesk';
    return 'none';
  }

  return {
    roleOf(aadObjectId) {
      const key = aadObjectId.toLowerCase();
      const at = now();
      const cached = roles.get(key);
      if (cached && cached.expiresAt > at) return cached.role;
      const role = lookUp(key);
      roles.set(key, { role, expiresAt: at + settings.cacheSeconds * 1000 });
      // A failed look-up (Graph down) must not be remembered as an answer.
      void role.catch(() => {
        if (roles.get(key)?.role === role) roles.delete(key);
      });
      return role;
    },
    groupName(which) {
      const id = which === 'admins' ? settings.adminsGroupId : settings.helpdeskGroupId;
      const fallback = which === 'admins' ? "the bot's admins group" : "the bot's helpdesk group";
      if (!id) return Promise.resolve(`${fallback} (not configured: ${which === 'admins' ? 'ADMINS_GROUP_ID' : 'HELPDESK_GROUP_ID'})`);
      const cached = names.get(id);
      if (cached) return cached;
      const name = graph.getGroup(id).then(
        (group) => group?.displayName ?? fallback,
        () => {
          names.delete(id);
          return fallback;
        },
      );
      names.set(id, name);
      return name;
    },
  };
}

const RANK: Record<Role, number> = { none: 0, helpdesk: 1, admin: 2 };
const NEEDED: Record<Access, number> = { anyone: 0, helpdesk: 1, admin: 2 };

/** Whether someone with `role` may run a route that needs `access`. */
export const allows = (role: Role, access: Access): boolean => RANK[role] >= NEEDED[access];

export const NO_IDENTITY_MESSAGE =
  "I can't tell who you are: this message came without your Microsoft Entra ID, so I can't check what you may do. " +
  'Use the bot from Microsoft Teams, signed in with your work account.';

/**
 * Lets the call through or throws AppError('auth.forbidden') with a message that says who can help.
 * Card actions call this with the person who CLICKED, so a forwarded card grants nothing.
 */
export async function authorizeCaller(caller: Caller, access: Access, roles: RoleResolver): Promise<Role | null> {
  if (access === 'anyone') return null;
  if (!caller.aadObjectId) throw new AppError('auth.forbidden', NO_IDENTITY_MESSAGE);
  const role = await roles.roleOf(caller.aadObjectId);
  if (allows(role, access)) return role;
  const adminsName = await roles.groupName('admins');
  if (role === 'helpdesk') {
    throw new AppError(
      'auth.forbidden',
      `Only members of ${adminsName} can do this (syncs, fixes, notifications and the audit trail). Ask a member of ${adminsName}.`,
    );
  }
  const helpdeskName = await roles.groupName('helpdesk');
  throw new AppError(
    'auth.forbidden',
    `You're not allowed to use this bot yet. Ask a member of ${adminsName} to add you to ${helpdeskName} (checks) or ${adminsName} (syncs and fixes).`,
  );
}

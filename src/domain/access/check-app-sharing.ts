import type { CanvasAppPermission } from '../../gateways/types';
import { appCheck, PERMISSION_LABEL, type AppCheck, type PermissionLevel } from './app-diagnosis';
import { list, type EvalContext } from './context';
import { listWithMore } from '../list-names';

const TITLE = 'Sharing';
/** Names shown before "and N more". */
const SHOWN = 3;

const LEVEL: Readonly<Record<string, PermissionLevel>> = { owner: 'owner', canedit: 'can-edit', canview: 'can-view', canviewwithshare: 'can-view' };
const RANK: Readonly<Record<PermissionLevel, number>> = { owner: 2, 'can-edit': 1, 'can-view': 0 };

/** From a list read with `maxAssignedTo` (§15): the level, without who the app is shared with. */
function byHighestRole(ctx: EvalContext, appName: string, role: string | null): SharingResult {
  const level = role ? levelOf(role) : null;
  if (level) return { check: appCheck('app-access', TITLE, 'pass', `${ctx.who} ${PERMISSION_LABEL[level]} ${appName}.`), permission: level };
  return {
    check: appCheck('app-access', TITLE, 'fail', `${appName} isn't shared with ${ctx.who}, with any group ${ctx.who} is in, or with everyone.`, { text: `Share ${appName} with ${ctx.who} (can view).`, action: 'share-app' }),
    permission: null,
  };
}

export function levelOf(roleName: string): PermissionLevel | null {
  return LEVEL[roleName.toLowerCase()] ?? null;
}

interface Grant {
  level: PermissionLevel;
  how: string;
}

export interface SharingResult {
  check: AppCheck;
  permission: PermissionLevel | null;
}

/**
 * §15: a canvas app opens for its owner and for whoever it is shared with: the person, a group the person
 * is in (sharing follows nested groups, transitively), or everyone in the tenant. Says how, and at which
 * level (can view, can edit, owner).
 */
export function checkAppSharing(ctx: EvalContext, appName: string, permissions: readonly CanvasAppPermission[] | null, effectiveRole: string | null, tenantId: string): SharingResult {
  const user = ctx.facts.user;
  if (!user) return { check: appCheck('app-access', TITLE, 'info', 'Not checked: there is no account.'), permission: null };
  if (permissions === null) return byHighestRole(ctx, appName, effectiveRole);
  const me = user.id.toLowerCase();
  const direct = new Set(ctx.facts.userGroupIds.map((id) => id.toLowerCase()));
  const nested = new Set((ctx.facts.nestedGroupIds ?? []).map((id) => id.toLowerCase()));
  const grants: Grant[] = [];
  for (const p of permissions) {
    const level = levelOf(p.roleName);
    if (!level) continue;
    const id = p.principal.id.toLowerCase();
    const type = p.principal.type.toLowerCase();
    const name = p.principal.displayName ?? id;
    if (type === 'user' && id === me) grants.push({ level, how: level === 'owner' ? `${ctx.who} owns it` : `shared with ${ctx.who} directly` });
    else if (type === 'group' && direct.has(id)) grants.push({ level, how: `shared with ${name}, a group ${ctx.who} is in` });
    else if (type === 'group' && nested.has(id)) grants.push({ level, how: `shared with ${name}, which ${ctx.who} is in through a nested group` });
    else if (type === 'tenant' && (id === tenantId.toLowerCase() || id === '')) grants.push({ level, how: 'shared with everyone in the organisation' });
  }
  const best = grants.reduce<Grant | null>((top, g) => (top === null || RANK[g.level] > RANK[top.level] ? g : top), null);
  if (best) {
    const also = grants.filter((g) => g !== best).map((g) => g.how);
    const guestNote = user.userType === 'Guest' && best.how.startsWith('shared with everyone')
      ? ` Microsoft doesn't say whether "everyone" includes guests like ${ctx.who}; share it with ${ctx.who} directly to be sure.`
      : '';
    const status = guestNote ? 'warn' : 'pass';
    return {
      check: appCheck('app-access', TITLE, status, `${ctx.who} ${PERMISSION_LABEL[best.level]} ${appName}: ${best.how}${also.length > 0 ? `; also ${list(also)}` : ''}.${guestNote}`),
      permission: best.level,
    };
  }
  const shares = permissions.filter((p) => levelOf(p.roleName) !== 'owner' && levelOf(p.roleName) !== null);
  const groups = shares.filter((p) => p.principal.type.toLowerCase() === 'group').map((p) => p.principal.displayName ?? p.principal.id);
  const people = shares.filter((p) => p.principal.type.toLowerCase() === 'user').map((p) => p.principal.displayName ?? p.principal.id);
  const withWhom = [...people.slice(0, SHOWN), ...groups.slice(0, SHOWN)];
  const sharedText = shares.length === 0 ? `${appName} is shared with nobody but its owner.` : `${appName} is shared with ${listWithMore(withWhom, people.length + groups.length)}.`;
  const join = groups.length > 0 ? `, or add ${ctx.who} to ${groups.length === 1 ? groups[0] : `one of the groups it is shared with (${list(groups.slice(0, SHOWN))})`}` : '';
  return {
    check: appCheck('app-access', TITLE, 'fail', `${appName} isn't shared with ${ctx.who}, with any group ${ctx.who} is in, or with everyone. ${sharedText}`, {
      text: `Share ${appName} with ${ctx.who} (can view)${join}.`,
      action: 'share-app',
    }),
    permission: null,
  };
}

import type { SecurityRole } from '../../gateways/types';
import { appCheck, type AppCheck } from './app-diagnosis';
import type { RoleKey, RoleSources } from './check-security-role';
import { list, type EvalContext } from './context';

const TITLE = 'App role';
/** Roles never offered as the fix for an app: they give far more than the app. */
const TOO_BROAD = new Set(['system administrator', 'system customizer']);

/**
 * The key two roles share when one is a business unit's copy of the other: the root role (§9.2
 * `_parentrootroleid_value`). That the app's association covers every copy of its root role is
 * UNVERIFIED (§16); when the root id was not read, the role's own id.
 */
const rootKey = (role: RoleKey): string => (role.rootRoleId ?? role.roleId ?? '').toLowerCase();

/**
 * §16: a model-driven app is shown to the holders of the roles associated with it, directly or through a
 * team. Names the roles that would give access; group-team roles count once the person signs in (§3.5).
 */
export function checkAppRole(ctx: EvalContext, sources: RoleSources, appName: string, appRoles: readonly SecurityRole[]): AppCheck {
  const keys = new Set(appRoles.map((r) => rootKey({ roleId: r.roleId, rootRoleId: r.rootRoleId })));
  const names = [...new Set(appRoles.map((r) => r.name))];
  const offered = appRoles.filter((r) => !TOO_BROAD.has(r.name.toLowerCase())).map((r) => ({ id: (r.rootRoleId ?? r.roleId).toLowerCase(), name: r.name }));
  const gives = `${appName}'s role${names.length > 1 ? 's' : ''} ${list(names)}`;
  if (ctx.facts.systemUser === 'unknown') return appCheck('app-access', TITLE, 'warn', `I couldn't read ${ctx.env}'s users, so I can't tell whether ${ctx.who} holds ${gives}.`);
  const held = sources.effective.filter((r) => keys.has(rootKey(r)));
  if (held.length > 0) {
    return appCheck('app-access', TITLE, 'pass', `${ctx.who} holds ${list(held.map((r) => `${r.role} (${r.via})`))}, ${held.length > 1 ? 'roles' : 'a role'} of ${appName}.`);
  }
  const due = sources.pending.filter((r) => keys.has(rootKey(r)));
  if (due.length > 0) {
    const when = ctx.row ? `at ${ctx.who}'s next sign-in` : `once ${ctx.who} is in ${ctx.env} and signs in`;
    return appCheck('app-access', TITLE, 'info', `${ctx.who} gets ${list(due.map((r) => `${r.role} (group team ${r.team})`))} ${when}, and that opens ${appName}: group teams fill at sign-in.`);
  }
  const nested = sources.nestedOnly.filter((r) => keys.has(rootKey(r))).map((r) => `${r.role} (group team ${r.team})`);
  const nestedText = nested.length > 0 ? ` Not counted: ${list(nested)}, reached only through a nested group.` : '';
  const has = sources.effective.map((r) => `${r.role} (${r.via})`);
  const now = has.length > 0 ? ` ${ctx.who} has ${list(has)}.` : '';
  const first = offered[0]?.name ?? names[0] ?? 'one of its roles';
  if (!ctx.row) {
    return appCheck('app-access', TITLE, 'fail', `${ctx.who} holds none of ${gives}: a model-driven app shows only to their holders.${nestedText}`, {
      text: `Once ${ctx.who} is in ${ctx.env}, assign ${first} (or another of ${appName}'s roles), or add ${ctx.who} to a group whose group team has one.`,
    });
  }
  return appCheck('app-access', TITLE, 'fail', `${ctx.who} holds none of ${gives}: a model-driven app shows only to their holders.${now}${nestedText}`, {
    text: `Assign ${first} (or another of ${appName}'s roles) to ${ctx.who} in ${ctx.env}, or add ${ctx.who} to a group whose group team has one.`,
    action: offered.length > 0 ? 'assign-app-role' : undefined,
    roles: offered,
  });
}

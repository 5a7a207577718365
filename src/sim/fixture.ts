import { readFileSync } from 'node:fs';
import Ajv, { type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import type { SimGenerator, SimLicense, SimRole, SimUser, TenantFixture } from './model';
import { stableGuid } from './ids';
import schema from './fixture.schema.json';
import { checkReferences } from './fixture-references';

export class FixtureError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`Invalid tenant fixture ${source}:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'FixtureError';
  }
}

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validateSchema = ajv.compile<TenantFixture>(schema);

/**
 * Reads (if a path), validates (schema, then references) and expands generators. Throws a
 * FixtureError listing every problem as `/json/pointer: reason`. The input object is not modified.
 */
export function loadFixture(input: TenantFixture | string): TenantFixture {
  const source = typeof input === 'string' ? input : '(inline fixture)';
  let raw: unknown;
  if (typeof input === 'string') {
    try {
      raw = JSON.parse(readFileSync(input, 'utf8'));
    } catch (err) {
      throw new FixtureError(source, [`/: ${(err as Error).message}`]);
    }
  } else raw = structuredClone(input);
  if (!validateSchema(raw)) throw new FixtureError(source, (validateSchema.errors ?? []).map(describeSchemaError));
  const problems = checkReferences(raw);
  if (problems.length > 0) throw new FixtureError(source, problems);
  return deriveRoleCopies(deriveGroupLicences(expandGenerators(raw)));
}

/**
 * Group-based licensing (§12) as already processed: every direct user member of a group with `assignedLicenses`
 * holds each of them, marked `assignedByGroup` (nested members get nothing: group licences reach direct members
 * only). A licence the fixture already lists for that group is kept as it is (e.g. with an `error`).
 */
function deriveGroupLicences(fixture: TenantFixture): TenantFixture {
  const users = new Map(fixture.users.map((u) => [u.id.toLowerCase(), u]));
  for (const group of fixture.groups) {
    const licences = group.assignedLicenses ?? [];
    for (const memberId of licences.length > 0 ? group.members : []) {
      const user = users.get(memberId.toLowerCase());
      if (!user) continue;
      for (const licence of licences) {
        const held = user.licenses.some((l) => sameId(l.skuId, licence.skuId) && sameId(l.assignedByGroup ?? '', group.id));
        if (!held) user.licenses.push({ skuId: licence.skuId, disabledPlans: [...(licence.disabledPlans ?? [])], assignedByGroup: group.id });
      }
    }
  }
  return fixture;
}

/**
 * Every child business unit holds a copy of every root role (§9.2: "Child BUs hold their own copies of
 * inherited roles"): copies the fixture does not list are added with a stable id, the root role's name,
 * description and privileges, and `parentRootRoleId` set.
 */
function deriveRoleCopies(fixture: TenantFixture): TenantFixture {
  for (const env of fixture.environments) {
    const dv = env.dataverse;
    const root = dv?.businessUnits.find((b) => b.parentId === null);
    if (!dv || !root) continue;
    const rootRoles = dv.roles.filter((r) => !r.parentRootRoleId && r.businessUnitId.toLowerCase() === root.id.toLowerCase());
    for (const unit of dv.businessUnits.filter((b) => b !== root)) {
      for (const role of rootRoles) {
        const listed = dv.roles.some((r) => r.parentRootRoleId?.toLowerCase() === role.id.toLowerCase() && r.businessUnitId.toLowerCase() === unit.id.toLowerCase());
        if (listed) continue;
        const copy: SimRole = { id: stableGuid(`role-copy:${role.id}:${unit.id}`), name: role.name, businessUnitId: unit.id, parentRootRoleId: role.id };
        if (role.description !== undefined) copy.description = role.description;
        if (role.privileges) copy.privileges = [...role.privileges];
        dv.roles.push(copy);
      }
    }
  }
  return fixture;
}

const sameId = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

function describeSchemaError(error: ErrorObject): string {
  const path = error.instancePath === '' ? '/' : error.instancePath;
  const extra = error.keyword === 'additionalProperties' ? ` '${String(error.params.additionalProperty)}'` : error.keyword === 'enum' ? ` (${(error.params.allowedValues as unknown[]).join(', ')})` : '';
  return `${path}: ${error.message ?? 'is invalid'}${extra}`;
}

/** Generated users are appended after the fixture's own; deterministic ids and licence mix. */
function expandGenerators(fixture: TenantFixture): TenantFixture {
  for (const generator of fixture.generators ?? []) {
    let group = fixture.groups.find((g) => g.id.toLowerCase() === generator.groupId.toLowerCase());
    if (!group) {
      group = { id: generator.groupId, displayName: generator.groupDisplayName, kind: 'security', members: [], owners: [] };
      fixture.groups.push(group);
    }
    const extraGroups = (generator.alsoMemberOf ?? []).map((id) => fixture.groups.find((g) => g.id.toLowerCase() === id.toLowerCase()));
    const users = generateUsers(generator, fixture.tenant.defaultDomain);
    for (const user of users) {
      fixture.users.push(user);
      group.members.push(user.id);
      for (const extra of extraGroups) extra?.members.push(user.id);
    }
  }
  return fixture;
}

function generateUsers(generator: SimGenerator, domain: string): SimUser[] {
  const bounds: number[] = [];
  let cumulative = 0;
  for (const entry of generator.mix) {
    cumulative += entry.share;
    bounds.push(Math.round(cumulative * generator.count));
  }
  const users: SimUser[] = [];
  let mixIndex = 0;
  for (let n = 1; n <= generator.count; n += 1) {
    while (mixIndex < bounds.length - 1 && n > (bounds[mixIndex] as number)) mixIndex += 1;
    const mix = generator.mix[mixIndex] as SimGenerator['mix'][number];
    const upn = `${generator.namePrefix}${n}@${domain}`.toLowerCase();
    users.push({
      id: stableGuid(`generated:${generator.groupId}:${n}`),
      displayName: `${generator.namePrefix}${n}`,
      givenName: generator.namePrefix,
      surname: String(n),
      userPrincipalName: upn,
      mail: upn,
      accountEnabled: mix.accountEnabled ?? true,
      userType: 'Member',
      licenses: mix.licenses.map((l: SimLicense) => ({ skuId: l.skuId, disabledPlans: [...(l.disabledPlans ?? [])] })),
    });
  }
  return users;
}

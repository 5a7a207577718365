import type { SimAppModule, SimDataverse } from '../model';
import type { ColumnType } from './entity-sets';

/** The `appmodule` columns the simulator serves (§16, appmodule.md). */
export const APP_MODULE_COLUMNS: Readonly<Record<string, ColumnType>> = {
  appmoduleid: 'guid', appmoduleidunique: 'guid', name: 'string', uniquename: 'string', description: 'string',
  clienttype: 'int', statecode: 'int', statuscode: 'int', publishedon: 'string', isdefault: 'bool', url: 'string',
};

/** `GET appmodules` returns published apps only; unpublished ones need `RetrieveUnpublishedMultiple` (§16). */
export function publishedAppModules(dataverse: SimDataverse): SimAppModule[] {
  return (dataverse.appModules ?? []).filter((app) => app.published !== false);
}

/**
 * An appmodule row. `appmoduleidunique` differs from `appmoduleid` (components join on it, §16); the
 * simulator derives it from the id. clienttype 4 is the Unified Interface (UNVERIFIED value, not read by the bot).
 */
export function appModuleRecord(app: SimAppModule): Record<string, unknown> {
  const active = app.state !== 'inactive';
  return {
    appmoduleid: app.id,
    appmoduleidunique: uniqueIdOf(app.id),
    name: app.name,
    uniquename: app.uniqueName,
    description: null,
    clienttype: 4,
    statecode: active ? 0 : 1,
    statuscode: active ? 1 : 2,
    publishedon: app.publishedOn ?? null,
    isdefault: false,
    url: `/main.aspx?appid=${app.id}`,
  };
}

/** A stable second GUID: the id with its first group reversed. */
function uniqueIdOf(id: string): string {
  const [first = '', ...rest] = id.split('-');
  return [first.split('').reverse().join(''), ...rest].join('-');
}

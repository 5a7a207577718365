import type { CardAction, TextCommand } from '../../app/routes';
import { tenantCache } from '../../gateways/tenant-cache';
import { normalise } from '../../app/text';
import type { AdaptiveCard } from '../../app/turn';
import { renderCard } from '../../cards/render';
import { invalidInput } from '../../errors';
import type { Environment } from '../../gateways/types';
import { isEnvironmentId } from '../../ids';
import { splitNames, type SyncRequest } from './parse-sync';
import { startSync } from './start-sync';

export const SYNC_FORM_VERB = 'sync.form';

export function syncFormCard(environments: readonly Environment[]): AdaptiveCard {
  const choices = environments.filter((e) => e.dataverse).map((e) => ({ title: e.displayName, value: e.id }));
  return renderCard('sync-form', { environments: choices });
}

/** `sync` on its own: the form. */
export const syncFormCommand: TextCommand<Record<string, never>> = {
  name: 'sync (form)',
  usage: 'sync',
  summary: 'A form to sync a group or people into an environment (admins).',
  examples: ['sync'],
  access: 'admin',
  parse: (text) => (/^(?:force )?sync(?: form)?$/.test(normalise(text)) ? {} : null),
  async run(turn, _params, deps) {
    await turn.replyCard(syncFormCard(await tenantCache(deps).environments()));
  },
};

/** The form's Sync button: the same request as the typed command. */
export const syncFormAction: CardAction<SyncRequest> = {
  verb: SYNC_FORM_VERB,
  access: 'admin',
  expensive: true,
  parse: (data) => {
    const target = typeof data.target === 'string' ? data.target.replace(/\s+/g, ' ').trim() : '';
    if (target === '' || target.length > 500) throw invalidInput('Type a group, or one or more people separated by commas.');
    const environment = typeof data.environment === 'string' ? data.environment.trim() : '';
    if (!isEnvironmentId(environment)) throw invalidInput('Pick an environment from the list.');
    return { target, names: splitNames(target), environment, includeNested: data.includeNested === 'true', readyOnly: data.readyOnly === 'true', waitForLicences: false };
  },
  run: async (turn, request, deps) => startSync(turn, request, deps),
};

import type { TextCommand } from '../../app/routes';
import { formatWhen, inert } from '../../app/text';
import { fold } from '../../domain/resolve';
import { parseListWatches, parseUnwatch, parseWatch, type UnwatchRequest, type WatchRequest } from './parse-watch';
import { startWatch } from './start-watch';
import { listWatches, removeWatch, type Watch } from './watch-store';

export const watchCommand: TextCommand<WatchRequest> = {
  name: 'watch',
  usage: 'watch <group> for <environment>',
  summary: 'Sync people added to a group from now on, automatically (admins).',
  examples: ['watch UAT Testers for UAT'],
  access: 'admin',
  expensive: true,
  parse: parseWatch,
  run: (turn, request, deps) => startWatch(turn, request, deps),
};

export const unwatchCommand: TextCommand<UnwatchRequest> = {
  name: 'stop watching',
  usage: 'stop watching <group> [for <environment>]',
  summary: 'Stop syncing new members of a watched group (admins).',
  examples: ['stop watching UAT Testers'],
  access: 'admin',
  parse: parseUnwatch,
  async run(turn, request, deps) {
    const matches = (await listWatches(deps.db)).filter((w) => sameName(w.group.displayName, request.group) && (request.environment === null || sameName(w.environment.displayName, request.environment)));
    if (matches.length === 0) {
      await turn.reply(`I am not watching a group called "${inert(request.group)}"${request.environment ? ` for ${inert(request.environment)}` : ''}. Type **watches** to see what I watch.`);
      return;
    }
    for (const watch of matches) await removeWatch(deps.db, watch.id);
    await turn.reply(`Done: I no longer watch ${matches.map((w) => `**${w.group.displayName}** for **${w.environment.displayName}**`).join(', ')}. Syncs already started carry on.`);
  },
};

export const listWatchesCommand: TextCommand<Record<string, never>> = {
  name: 'watches',
  usage: 'watches',
  summary: 'Groups whose new members I sync automatically.',
  examples: ['watches'],
  access: 'helpdesk',
  parse: parseListWatches,
  async run(turn, _params, deps) {
    const watches = await listWatches(deps.db);
    if (watches.length === 0) {
      await turn.reply('I am not watching any group. An admin can start with **watch <group> for <environment>**.');
      return;
    }
    await turn.reply([`I watch ${watches.length} ${watches.length === 1 ? 'group' : 'groups'}:`, ...watches.map(describe)].join('\n'));
  },
};

function describe(w: Watch): string {
  const since = `since ${formatWhen(w.createdAt)} (${w.createdBy.name})`;
  const checked = w.lastCheckedAt === null ? 'not checked yet' : `last checked ${formatWhen(w.lastCheckedAt)}`;
  return `- **${w.group.displayName}** → **${w.environment.displayName}**, ${since}; ${checked}${w.lastError ? `; the last check failed: ${w.lastError}` : ''}`;
}

const sameName = (stored: string, typed: string): boolean => fold(stored) === fold(typed);

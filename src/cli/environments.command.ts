import { invalidInput } from '../errors';
import { listEnvironments, type EnvironmentRow } from '../features/environments/list-environments';
import type { CliCommand } from './commands';

/** `environments [--json]`: the same list as the bot's environments card. */
export const environmentsCliCommand: CliCommand = {
  name: 'environments',
  usage: 'environments [--json]',
  summary: 'List environments with type, Dataverse, security group and state.',
  async run(args, deps, io) {
    const unknown = args.filter((a) => a !== '--json');
    if (unknown.length > 0) throw invalidInput(`Unknown option ${unknown.join(' ')}. Usage: environments [--json]`);
    const rows = await listEnvironments(deps);
    if (args.includes('--json')) io.out(JSON.stringify(rows, null, 2));
    else for (const line of table(rows)) io.out(line);
    return 0;
  },
};

function table(rows: readonly EnvironmentRow[]): string[] {
  const header = ['Name', 'Type', 'Dataverse', 'Security group', 'State'];
  const cells = rows.map((r) => [r.name, r.isDefault && r.type !== 'Default' ? `${r.type} (default)` : r.type, r.dataverse ? 'yes' : 'no', r.dataverse ? r.securityGroup : '-', r.state]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (c: readonly string[]) => c.map((v, i) => v.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)];
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/index';
import { createTestBot } from '../helpers/bot-harness';
import { ADMIN, HELPDESK } from './helpers/watch';

describe('npm run cli -- audit', () => {
  const dir = mkdtempSync(join(tmpdir(), 'audit-cli-'));
  const storePath = join(dir, 'bot.sqlite');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function cli(args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(['audit', ...args], { DATA_SOURCE: 'simulated', STORE_PATH: storePath, LOG_LEVEL: 'silent' }, { out: (l) => out.push(l), err: (l) => err.push(l) });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('exports what the bot recorded, oldest first, as JSON or as tab-separated lines; --since filters', async () => {
    const bot = await createTestBot({ env: { STORE_PATH: storePath } });
    await bot.send('environments', { from: ADMIN });
    await bot.send('sync Financial Coordinators to UAT', { from: HELPDESK });
    await bot.close();

    const json = await cli(['--since', '24h', '--json']);
    expect(json.code).toBe(0);
    const rows = JSON.parse(json.out) as { actorName: string; what: string; result: string; at: string }[];
    expect(rows.map((r) => [r.actorName, r.what, r.result])).toEqual([
      ['Nadia Rahman', 'environments', 'ok'],
      ['Liam Chen', 'sync', 'refused'],
    ]);
    expect(Date.parse(rows[0]!.at)).toBeGreaterThan(Date.now() - 60_000);

    const text = await cli([]);
    expect(text.out.split('\n')).toHaveLength(3);
    expect(text.out).toMatch(/\trefused\tauth\.forbidden\tLiam Chen\t/);

    const future = await cli(['--since', '2999-01-01', '--json']);
    expect(JSON.parse(future.out)).toEqual([]);
  });

  it('refuses a bad --since with a clear message and exit code 1', async () => {
    const result = await cli(['--since', 'last tuesday']);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/"--since last tuesday" is neither an ISO date/);
  });
});

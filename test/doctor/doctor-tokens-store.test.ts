import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { createTestBot } from '../helpers/bot-harness';
import { checkOf, DEMO_APP_ID, doctorJson, healthyContoso, notPassing } from './helpers';

describe('doctor: tokens and the store', () => {
  it('when the client secret no longer matches (rotated in Entra), then every token check fails with AADSTS7000215 and the fix to set a new secret, and what needs a token is not checked', async () => {
    const bot = await createTestBot({ fixture: healthyContoso() });
    try {
      bot.sim.state().fixture.apps.find((a) => a.clientId === DEMO_APP_ID)!.clientSecret = 'rotated-in-entra';
      const { code, report } = await doctorJson(bot.deps);
      expect(code).toBe(1);
      for (const id of ['token.graph', 'token.bap']) {
        expect(checkOf(report, id)).toMatchObject({
          status: 'fail',
          detail: 'Entra refused: AADSTS7000215: Invalid client secret provided.',
          fix: expect.stringContaining('New client secret), set AZURE_CLIENT_SECRET to its value and restart the bot.'),
        });
      }
      expect(checkOf(report, 'graph.User.Read.All')).toMatchObject({ status: 'warn', detail: 'Not checked: no Graph token (see Token for Microsoft Graph).' });
      expect(checkOf(report, 'power-platform')).toMatchObject({ status: 'warn', detail: 'Not checked: no token (see Token for the Power Platform admin API).' });
      for (const secret of ['rotated-in-entra', 'demo-client-secret-not-a-real-secret']) expect(JSON.stringify(report)).not.toContain(secret);
    } finally {
      await bot.close();
    }
  });

  it('when the store refuses writes (SQLite in query-only mode, as with a read-only file), then the store check fails and names STORE_PATH', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'doctor-store-'));
    const bot = await createTestBot({ fixture: healthyContoso(), env: { STORE_PATH: join(dir, 'bot.sqlite') } });
    try {
      await sql`PRAGMA query_only = ON`.execute(bot.deps.db);
      const { code, report } = await doctorJson(bot.deps);
      await sql`PRAGMA query_only = OFF`.execute(bot.deps.db);
      expect(code).toBe(1);
      expect(checkOf(report, 'store')).toMatchObject({
        status: 'fail',
        detail: expect.stringMatching(/^Not writable \(attempt to write a readonly database\): sync jobs, confirmations and the audit trail cannot be saved in .*bot\.sqlite/),
        fix: expect.stringContaining('Point STORE_PATH at a file'),
      });
      expect(notPassing(report, 'store', 'data-source')).toEqual([]);
    } finally {
      await bot.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

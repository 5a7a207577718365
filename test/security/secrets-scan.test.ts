/**
 * The secrets scan: a whole bot session, logged at `trace` through the app's own logger
 * (src/log.ts: redact paths + scrubbing destination) into memory, must not leave any configured
 * secret, JWT or bearer header in the log output, in anything the bot sent (messages, cards,
 * invoke responses, in-place updates) or in the audit trail.
 */
import { ActivityTypes, type Activity } from 'botbuilder';
import { composeApp, type ComposedApp } from '../../src/app/compose';
import { TeamsBot } from '../../src/bot/teams-bot';
import { loadConfig } from '../../src/config';
import { syncRuntimeFor } from '../../src/features/sync';
import { createLogger } from '../../src/log';
import type { RunningSimulator } from '../../src/sim/server';
import { BOT_ACCOUNT, HarnessAdapter, type TestUser } from '../helpers/bot-harness';
import { buttonData, lastUpdatedCard } from '../sync/helpers/run-group-sync';
import { ADMIN, HELPDESK, JANE, PLAIN, UAT } from './helpers/watch';

const APP_PASSWORD = 'bot-app-password-Zq8~not-real';
const FAST = { latencyMs: 0, jitterMs: 0, retryAfterSeconds: 0 };

interface Session {
  app: ComposedApp;
  sim: RunningSimulator;
  adapter: HarnessAdapter;
  lines: string[];
  /** Everything the bot sent or updated, serialised. */
  sent: string[];
  send(text: string, from: TestUser): Promise<void>;
  invoke(verb: string, data: Record<string, unknown>, from: TestUser): Promise<void>;
}

async function startSession(): Promise<Session> {
  const config = loadConfig({
    DATA_SOURCE: 'simulated',
    STORE_PATH: ':memory:',
    LOG_LEVEL: 'trace',
    MicrosoftAppId: '7d2c3b1a-0000-4000-8000-00000000b07a',
    MicrosoftAppPassword: APP_PASSWORD,
    MicrosoftAppType: 'SingleTenant',
    MicrosoftAppTenantId: '3f6a2c1e-8b4d-4e7a-9c2f-5d1b0a7e6c44',
    SYNC_CONFIRM_VISIBILITY_SECONDS: '0',
  });
  const lines: string[] = [];
  const log = createLogger(config, { destination: { write: (line: string) => lines.push(line) }, pretty: false });
  const adapter = new HarnessAdapter(undefined, { channelId: 'msteams' });
  const app = await composeApp(config, {
    log,
    proactive: adapter,
    simulator: { config: { graph: FAST, bap: FAST, dataverse: FAST } },
    // The most talkative a deployment could be: every Microsoft request logged too.
    gateways: { retryPolicy: { maxRetries: 1, baseDelayMs: 1, maxDelayMs: 5 }, onRequest: (event) => log.debug({ request: event }, 'microsoft request') },
  });
  const sim = app.simulated?.running;
  if (!sim) throw new Error('needs the in-process simulator');
  const bot = new TeamsBot({ router: app.router, deps: app.deps, conversations: app.conversations });
  const sent: string[] = [];
  const run = async (partial: Partial<Activity>, from: TestUser) => {
    const activity: Partial<Activity> = {
      channelId: 'msteams',
      serviceUrl: 'https://smba.test/teams/',
      from: { id: `29:${from.name}`, name: from.name, aadObjectId: from.aadObjectId },
      recipient: { ...BOT_ACCOUNT },
      conversation: { id: 'a:scan', conversationType: 'personal', tenantId: app.config.tenantId, isGroup: false, name: 'scan' },
      channelData: { tenant: { id: app.config.tenantId } },
      ...partial,
    };
    adapter.drain();
    await adapter.processActivity(activity, (context) => bot.run(context));
    sent.push(...adapter.drain().map((a) => JSON.stringify(a)));
  };
  return {
    app,
    sim,
    adapter,
    lines,
    sent,
    send: (text, from) => run({ type: ActivityTypes.Message, text }, from),
    invoke: (verb, data, from) =>
      run({ type: ActivityTypes.Invoke, name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data: { ...data, verb } }, trigger: 'manual' } }, from),
  };
}

describe('secrets never reach logs, messages, cards or the audit trail', () => {
  it('a full session (commands, a group sync, refusals, failed Microsoft calls) leaves no secret, JWT or bearer header anywhere', async () => {
    const session = await startSession();
    const { app, sim } = session;
    try {
      const clientSecret = app.config.microsoft.credential.kind === 'clientSecret' ? app.config.microsoft.credential.clientSecret : '';
      expect(clientSecret).toBe(sim.demoClient.clientSecret);

      await session.send('help', PLAIN);
      await session.send('environments', HELPDESK);
      await session.send("why can't jane.doe@contoso.com access UAT", HELPDESK);
      await session.send('check jane.doe@contoso.com everywhere', HELPDESK);
      await session.send('sync Financial Coordinators to UAT', HELPDESK);
      await session.send('sync Financial Coordinators to UAT', ADMIN);
      await syncRuntimeFor(app.deps).idle();
      await session.invoke('sync.confirm', buttonData(lastUpdatedCard(sessionView(session)), 'Sync all anyway'), ADMIN);
      await syncRuntimeFor(app.deps).idle();
      await session.invoke('diagnose.sync', { userId: JANE, environmentId: UAT }, ADMIN);
      await syncRuntimeFor(app.deps).idle();

      // Failed calls: Graph answering 503 to everything, then BAP refusing the app (403).
      sim.setConfig({ graph: { random503Rate: 1 } });
      await session.send("why can't jane.doe@contoso.com access UAT", ADMIN);
      sim.setConfig({ graph: { random503Rate: 0 } });
      sim.state().fixture.apps.forEach((a) => (a.managementApp = false));
      await session.send('environments', ADMIN);
      await session.send('audit', ADMIN);

      const output = session.lines.join('');
      expect(output).toMatch(/"level":20/); // debug lines were really captured
      expect(output).toMatch(/microsoft request/);
      expect(session.sent.join('\n')).toMatch(/Microsoft Graph/); // the failure was reported to the person
      const audit = JSON.stringify(await app.deps.db.selectFrom('audit_log').selectAll().execute());
      expect(audit).toMatch(/sync\.confirm/);

      for (const [where, text] of [
        ['log output', output],
        ['messages, cards and updates', [...session.sent, ...session.adapter.updates.map((u) => JSON.stringify(u))].join('\n')],
        ['audit rows', audit],
      ] as const) {
        expect({ where, hasClientSecret: text.includes(clientSecret) }).toEqual({ where, hasClientSecret: false });
        expect({ where, hasAppPassword: text.includes(APP_PASSWORD) }).toEqual({ where, hasAppPassword: false });
        expect({ where, jwt: /eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}/.exec(text)?.[0] ?? null }).toEqual({ where, jwt: null });
        expect({ where, bearer: /Bearer /.exec(text)?.[0] ?? null }).toEqual({ where, bearer: null });
      }
    } finally {
      await syncRuntimeFor(app.deps).idle();
      await app.close();
    }
  });

  it('a secret typed into the chat is scrubbed from the logs and the audit trail', async () => {
    const session = await startSession();
    const { app } = session;
    try {
      const clientSecret = app.config.microsoft.credential.kind === 'clientSecret' ? app.config.microsoft.credential.clientSecret : '';
      const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';
      await session.send(`why can't ${clientSecret} access UAT with Bearer ${jwt}`, ADMIN);
      const audit = JSON.stringify(await app.deps.db.selectFrom('audit_log').selectAll().execute());
      for (const text of [session.lines.join(''), audit]) {
        expect(text).not.toContain(clientSecret);
        expect(text).not.toContain(jwt);
        expect(text).not.toContain('Bearer ');
      }
      expect(audit).toContain("why can't [redacted] access UAT with [redacted]");
    } finally {
      await app.close();
    }
  });
});

/** lastUpdatedCard only needs the updates list. */
function sessionView(session: Session): Parameters<typeof lastUpdatedCard>[0] {
  return { updates: session.adapter.updates } as Parameters<typeof lastUpdatedCard>[0];
}

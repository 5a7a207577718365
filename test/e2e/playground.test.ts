import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { loadConfig } from '../../src/config';
import { startBot, type RunningBot } from '../../src/http/start-bot';
import { startPlayground, type RunningPlayground } from '../../scripts/playground';

const CONVERSATION = 'personal-chat-nadia'; // personalChat.id in .m365agentsplayground.yml

interface PlaygroundLogEntry {
  action?: string;
  actionConversationId?: string;
  message?: { from?: { id?: string; name?: string }; attachments?: { content?: unknown }[]; text?: string };
}

/** Messages the Playground's connector received from the bot (the "createMessage" events it pushes to its web UI). */
function botMessages(logFile: string): PlaygroundLogEntry[] {
  if (!existsSync(logFile)) return [];
  return readFileSync(logFile, 'utf8')
    .split('\n')
    .map((line) => line.slice(line.indexOf('{')))
    .filter((json) => json.includes('"action":"createMessage"'))
    .map((json) => JSON.parse(json) as PlaygroundLogEntry)
    .filter((entry) => entry.actionConversationId === CONVERSATION);
}

async function waitFor<T>(probe: () => T | undefined, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting for the Playground');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('end to end: real server + Microsoft 365 Agents Playground', () => {
  let bot: RunningBot;
  let playground: RunningPlayground;
  const logFile = join(mkdtempSync(join(tmpdir(), 'playground-')), 'playground.log');

  beforeAll(async () => {
    const config = { ...loadConfig({ STORE_PATH: ':memory:' }), port: 0 };
    bot = await startBot(config, { log: pino({ level: 'silent' }), simulator: { config: { graph: { latencyMs: 0 }, bap: { latencyMs: 0 }, dataverse: { latencyMs: 0 } } } });
    playground = await startPlayground({ botEndpoint: `${bot.server.url}/api/messages`, port: 0, logFile });
  }, 60_000);

  afterAll(async () => {
    await playground?.stop();
    await bot?.close();
  });

  it('when a user types "environments" in the Playground, then the bot\'s card comes back through the Playground connector', async () => {
    const response = await fetch(`${playground.url}/_conversation/v1/conversations/${CONVERSATION}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: { id: 'user-id-0' }, text: 'environments', textFormat: 'plain' }),
    });
    expect(response.status).toBe(200);
    const reply = await waitFor(() => botMessages(logFile).find((m) => JSON.stringify(m.message?.attachments ?? []).includes('Power Platform environments')), 20_000);
    const card = JSON.stringify(reply.message?.attachments);
    expect(card).toContain('UAT Access');
    expect(card).toContain('Demo tenant: Contoso (simulated)');
  }, 30_000);
});

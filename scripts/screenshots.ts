/**
 * `npm run screenshots` (not in CI): every card template, expanded with its sample view model
 * (test/fixtures/cards/<name>.sample.json), photographed in headless Chromium (playwright-core):
 *  - docs/screenshots/<name>.png: in the Microsoft 365 Agents Playground. The bot and the Playground
 *    start as in `npm run playground` (simulated tenant, loopback); once the bot has posted its welcome
 *    card, each card is posted into the chat through the Playground's connector endpoint (as a proactive
 *    message) and the rendered card is captured.
 *  - docs/screenshots/<name>.dark.png: the Playground has no dark theme, so these come from the
 *    `adaptivecards` renderer in a plain page served from 127.0.0.1 with a Teams-like dark host config.
 * Needs Debian's chromium (`apt-get install -y chromium`; emoji need fonts-noto-color-emoji) or CHROMIUM_PATH.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { CARDS_DIR, renderCard } from '../src/cards/render';
import { loadConfig } from '../src/config';
import { startBot } from '../src/http/start-bot';
import { createLogger } from '../src/log';
import { startPlayground } from './playground';

const ROOT = resolve(__dirname, '..');
const SAMPLES_DIR = resolve(ROOT, 'test', 'fixtures', 'cards');
export const SCREENSHOTS_DIR = resolve(ROOT, 'docs', 'screenshots');
const BOT = { id: '00000000-0000-0000-0000-00000000b075', name: 'Dataverse Access Bot' };
const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Teams-like dark theme: text colours of the card palette and container backgrounds. */
const DARK = {
  backgrounds: { default: '#292929', emphasis: '#1F1F1F', accent: '#2F2F4A', good: '#0D2E0D', warning: '#463100', attention: '#3E1F25' },
  colors: {
    default: ['#FFFFFF', '#ADADAD'], dark: ['#242424', '#616161'], light: ['#FFFFFF', '#ADADAD'], accent: ['#7F85F5', '#7F85F5'],
    good: ['#92C353', '#92C353'], warning: ['#FFAA44', '#FFAA44'], attention: ['#F9526B', '#F9526B'],
  } as Record<string, [string, string]>,
};

function darkHostConfig(): object {
  const foregroundColors = Object.fromEntries(Object.entries(DARK.colors).map(([k, [d, s]]) => [k, { default: d, subtle: s }]));
  return {
    fontFamily: "'Segoe UI', 'DejaVu Sans', sans-serif",
    spacing: { small: 4, default: 8, medium: 16, large: 20, extraLarge: 24, padding: 16 },
    separator: { lineThickness: 1, lineColor: '#3D3D3D' },
    fontSizes: { small: 12, default: 14, medium: 18, large: 21, extraLarge: 24 },
    fontWeights: { lighter: 300, default: 400, bolder: 600 },
    containerStyles: Object.fromEntries(Object.entries(DARK.backgrounds).map(([style, backgroundColor]) => [style, { backgroundColor, foregroundColors }])),
    actions: { maxActions: 6, spacing: 'default', buttonSpacing: 8, actionsOrientation: 'horizontal', actionAlignment: 'left' },
    factSet: { title: { weight: 'bolder', wrap: true }, value: { wrap: true }, spacing: 12 },
  };
}

const PAGE = `<!doctype html><html><head><meta charset="utf-8"><style>
body { margin: 0; padding: 16px; font-family: 'Segoe UI', 'DejaVu Sans', sans-serif; background: #1F1F1F; }
.ac-actionSet { flex-wrap: wrap; row-gap: 8px; }
#card { width: 450px; border-radius: 8px; overflow: hidden; box-shadow: 0 1px 3px rgba(0,0,0,.2); }
.ac-pushButton { font: 600 14px 'Segoe UI', 'DejaVu Sans', sans-serif; padding: 5px 12px; border-radius: 4px; background: #292929; color: #FFFFFF; border: 1px solid #666666; }
</style><script src="/adaptivecards.js"></script></head><body><div id="card"></div><script>
const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
AdaptiveCards.AdaptiveCard.onProcessMarkdown = (text, result) => {
  result.outputHtml = esc(text).replace(/\\*\\*(.+?)\\*\\*/g, '<strong>$1</strong>').replace(/(^|[^\\w])_([^_]+)_(?![\\w])/g, '$1<em>$2</em>').replace(/\\n/g, '<br>');
  result.didProcess = true;
};
window.renderCard = (json, hostConfig) => {
  const card = new AdaptiveCards.AdaptiveCard();
  card.hostConfig = new AdaptiveCards.HostConfig(hostConfig);
  card.parse(json);
  const target = document.getElementById('card');
  target.replaceChildren(card.render());
};
</script></body></html>`;

/** Every template with a sample: name → card JSON. Templates without samples are reported, not drawn. */
function cardsToDraw(): Map<string, Record<string, unknown>> {
  const cards = new Map<string, Record<string, unknown>>();
  for (const file of readdirSync(CARDS_DIR).filter((f) => f.endsWith('.json')).sort()) {
    const name = file.slice(0, -'.json'.length);
    const sample = resolve(SAMPLES_DIR, `${name}.sample.json`);
    if (!existsSync(sample)) {
      console.warn(`skipped ${name}: no test/fixtures/cards/${name}.sample.json`);
      continue;
    }
    cards.set(name, renderCard(name, JSON.parse(readFileSync(sample, 'utf8')) as object).content);
  }
  return cards;
}

async function serve(): Promise<{ server: Server; url: string }> {
  const bundle = readFileSync(require.resolve('adaptivecards/dist/adaptivecards.min.js'));
  const server = createServer((req, res) => {
    // Not chained: restify (loaded with the bot) replaces writeHead with one that returns nothing.
    const [status, type, body] = req.url === '/adaptivecards.js' ? [200, 'text/javascript', bundle] : req.url === '/' ? [200, 'text/html; charset=utf-8', PAGE] : [404, 'text/plain', ''];
    res.writeHead(status, { 'content-type': type });
    res.end(body);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

/** Light screenshots: each card posted into the Playground chat and captured as the Playground renders it. */
async function playgroundShots(browser: Browser, cards: Map<string, Record<string, unknown>>): Promise<string[]> {
  const storeDir = mkdtempSync(join(tmpdir(), 'screenshots-store-'));
  const config = loadConfig({ DATA_SOURCE: 'simulated', PORT: '0', STORE_PATH: join(storeDir, 'bot.sqlite'), LOG_LEVEL: 'error' });
  const bot = await startBot(config, { log: createLogger(config) });
  try {
    const playground = await startPlayground({ botEndpoint: `${bot.server.url}/api/messages`, port: Number(process.env.PLAYGROUND_PORT ?? 56160), logFile: join(storeDir, 'playground.log') });
    try {
      const conversation = ((await (await fetch(`${playground.url}/_internal/v1/config`)).json()) as { config: { personalChat: { id: string } } }).config.personalChat.id;
      const page = await browser.newPage({ viewport: { width: 1200, height: 2400 } });
      await page.goto(playground.url);
      await page.locator('.ac-adaptiveCard').first().waitFor({ timeout: 30_000 }); // the bot's welcome card: the chat is live
      const files: string[] = [];
      for (const [name, card] of cards) {
        const before = await page.locator('.ac-adaptiveCard').count();
        const posted = await fetch(`${playground.url}/_connector/v3/conversations/${encodeURIComponent(conversation)}/activities`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ type: 'message', from: BOT, attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }] }),
        });
        if (!posted.ok) throw new Error(`The Playground refused card ${name}: HTTP ${posted.status}`);
        await page.waitForFunction(`document.querySelectorAll('.ac-adaptiveCard').length > ${before}`, undefined, { timeout: 15_000 });
        writeFileSync(resolve(SCREENSHOTS_DIR, `${name}.png`), await page.locator('.ac-adaptiveCard').nth(before).screenshot());
        files.push(`${name}.png`);
      }
      return files;
    } finally {
      await playground.stop();
    }
  } finally {
    await bot.close();
    rmSync(storeDir, { recursive: true, force: true });
  }
}

/** Dark screenshots: the adaptivecards renderer in a plain local page with the dark host config. */
async function darkShots(browser: Browser, cards: Map<string, Record<string, unknown>>): Promise<string[]> {
  const { server, url } = await serve();
  try {
    const page = await browser.newPage({ viewport: { width: 600, height: 400 }, deviceScaleFactor: 1 });
    await page.goto(url);
    const files: string[] = [];
    for (const [name, card] of cards) {
      await page.evaluate(([json, config]) => (globalThis as unknown as { renderCard(...a: unknown[]): void }).renderCard(json, config), [card, darkHostConfig()] as const);
      writeFileSync(resolve(SCREENSHOTS_DIR, `${name}.dark.png`), await page.locator('#card').screenshot());
      files.push(`${name}.dark.png`);
    }
    return files;
  } finally {
    server.close();
  }
}

async function main(): Promise<void> {
  const cards = cardsToDraw();
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_FLAGS });
  try {
    const written = new Set([...(await playgroundShots(browser, cards)), ...(await darkShots(browser, cards))]);
    // Screenshots of templates that no longer exist would show cards users never see.
    for (const file of readdirSync(SCREENSHOTS_DIR).filter((f) => f.endsWith('.png') && !written.has(f))) rmSync(resolve(SCREENSHOTS_DIR, file));
    console.log(`Wrote ${written.size} screenshots of ${cards.size} cards to ${SCREENSHOTS_DIR}`);
  } finally {
    await browser.close();
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exitCode = 1;
  });
}

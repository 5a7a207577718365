/**
 * `npm run screenshots` (not in CI): every card template, expanded with its sample view model
 * (test/fixtures/cards/<name>.sample.json), photographed in headless Chromium (playwright-core):
 *  - docs/screenshots/<name>.png: in the Microsoft 365 Agents Playground. The bot and the Playground
 *    start as in `npm run playground` (simulated tenant, loopback); once the bot has posted its welcome
 *    card, each card is posted into the chat through the Playground's connector endpoint (as a proactive
 *    message) and the rendered card is captured.
 *  - docs/screenshots/<name>.dark.png and <name>.high-contrast.png: the Playground has only a light theme,
 *    so these come from the `adaptivecards` renderer in a plain page served from 127.0.0.1 with the Teams
 *    dark and high-contrast host colours of src/cards/teams-themes.ts (the ones the contrast check uses).
 * Needs Debian's chromium (`apt-get install -y chromium`; emoji need fonts-noto-color-emoji) or CHROMIUM_PATH.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { CARDS_DIR, renderCard } from '../src/cards/render';
import { TEAMS_THEMES, type TeamsTheme } from '../src/cards/teams-themes';
import { loadConfig } from '../src/config';
import { startBot } from '../src/http/start-bot';
import { createLogger } from '../src/log';
import { startPlayground } from './playground';

const ROOT = resolve(__dirname, '..');
const SAMPLES_DIR = resolve(ROOT, 'test', 'fixtures', 'cards');
export const SCREENSHOTS_DIR = resolve(ROOT, 'docs', 'screenshots');
const BOT = { id: '00000000-0000-0000-0000-00000000b075', name: 'Dataverse Access Bot' };
const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * A host config for the `adaptivecards` renderer in one of the Teams themes: the colours of
 * src/cards/teams-themes.ts (Microsoft's published Teams light/dark host configs; the Fluent
 * high-contrast palette), Teams' spacing and font sizes.
 */
function hostConfig(theme: TeamsTheme): object {
  const containerStyles = Object.fromEntries(
    Object.entries(theme.containers).map(([style, { background, text }]) => [style, { backgroundColor: background, foregroundColors: text }]),
  );
  return {
    fontFamily: "'Segoe UI', 'DejaVu Sans', sans-serif",
    spacing: { small: 8, default: 12, medium: 16, large: 20, extraLarge: 24, padding: 16 },
    separator: { lineThickness: 1, lineColor: theme.name === 'light' ? '#E1DFDD' : '#5C5C5C' },
    fontSizes: { small: 12, default: 14, medium: 14, large: 18, extraLarge: 24 },
    fontWeights: { lighter: 200, default: 400, bolder: 600 },
    containerStyles,
    actions: { maxActions: 6, spacing: 'default', buttonSpacing: 8, actionsOrientation: 'horizontal', actionAlignment: 'left' },
    factSet: { title: { weight: 'bolder', wrap: true }, value: { wrap: true }, spacing: 16 },
  };
}

/** Button colours per theme, as CSS (the renderer leaves buttons to the host page). */
function buttonCss(theme: TeamsTheme): string {
  const text = theme.containers.default.text.default.default;
  const border = theme.name === 'highContrast' ? '#FFFFFF' : theme.name === 'dark' ? '#666666' : '#C8C6C4';
  const positive = theme.name === 'highContrast' ? '#1AEBFF' : theme.name === 'dark' ? '#7F85F5' : '#5B5FC7';
  return `.ac-pushButton { background: ${cssColour(theme.containers.default.background)}; color: ${cssColour(text)}; border: 1px solid ${border}; }
.ac-pushButton.style-positive { background: ${positive}; color: ${theme.name === 'light' ? '#FFFFFF' : '#000000'}; border-color: ${positive}; }
body { background: ${cssColour(theme.page)}; }`;
}

/** #AARRGGBB (the host config's form) as CSS rgba(). */
function cssColour(colour: string): string {
  const hex = colour.replace('#', '');
  if (hex.length !== 8) return colour;
  const [a, r, g, b] = [0, 2, 4, 6].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number, number];
  return `rgba(${r}, ${g}, ${b}, ${(a / 255).toFixed(2)})`;
}

/** The themes drawn outside the Playground (it has only a light theme), and the file suffix of each. */
const RENDERED_THEMES: { theme: TeamsTheme; suffix: string }[] = [
  { theme: TEAMS_THEMES.dark, suffix: 'dark' },
  { theme: TEAMS_THEMES.highContrast, suffix: 'high-contrast' },
];

const PAGE = `<!doctype html><html><head><meta charset="utf-8"><style>
body { margin: 0; padding: 16px; font-family: 'Segoe UI', 'DejaVu Sans', sans-serif; }
.ac-actionSet { flex-wrap: wrap; row-gap: 8px; }
#card { width: 450px; border-radius: 8px; overflow: hidden; box-shadow: 0 1px 3px rgba(0,0,0,.2); }
.ac-pushButton { font: 600 14px 'Segoe UI', 'DejaVu Sans', sans-serif; padding: 5px 12px; border-radius: 4px; }
</style><style id="theme"></style><script src="/adaptivecards.js"></script></head><body><div id="card"></div><script>
const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
AdaptiveCards.AdaptiveCard.onProcessMarkdown = (text, result) => {
  // CommonMark's backslash escapes (how the bot keeps typed text inert) show the character itself.
  const escapes = [];
  const held = text.replace(/\\\\([!-\\/:-@[-\`{-~])/g, (_, c) => { escapes.push(c); return '\\u0000'; });
  result.outputHtml = esc(held).replace(/\\*\\*(.+?)\\*\\*/g, '<strong>$1</strong>').replace(/(^|[^\\w])_([^_]+)_(?![\\w])/g, '$1<em>$2</em>').replace(/\\n/g, '<br>').replace(/\\u0000/g, () => esc(escapes.shift() ?? ''));
  result.didProcess = true;
};
window.renderCard = (json, hostConfig, css) => {
  document.getElementById('theme').textContent = css;
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

/** Dark and high-contrast screenshots: the adaptivecards renderer in a plain local page with each theme's host config. */
async function themedShots(browser: Browser, cards: Map<string, Record<string, unknown>>): Promise<string[]> {
  const { server, url } = await serve();
  try {
    const page = await browser.newPage({ viewport: { width: 600, height: 400 }, deviceScaleFactor: 1 });
    await page.goto(url);
    const files: string[] = [];
    for (const { theme, suffix } of RENDERED_THEMES) {
      for (const [name, card] of cards) {
        await page.evaluate(([json, config, css]) => (globalThis as unknown as { renderCard(...a: unknown[]): void }).renderCard(json, config, css), [card, hostConfig(theme), buttonCss(theme)] as const);
        writeFileSync(resolve(SCREENSHOTS_DIR, `${name}.${suffix}.png`), await page.locator('#card').screenshot());
        files.push(`${name}.${suffix}.png`);
      }
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
    const written = new Set([...(await playgroundShots(browser, cards)), ...(await themedShots(browser, cards))]);
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

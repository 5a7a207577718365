/**
 * `npm run screenshots` (not in CI): renders every card template with its sample view model
 * (test/fixtures/cards/<name>.sample.json) and writes docs/screenshots/<name>.png (Teams light theme)
 * and <name>.dark.png (dark theme).
 *
 * Rendering: the official `adaptivecards` JS renderer in a plain HTML page served from 127.0.0.1, driven
 * by headless Chromium through playwright-core, with a host config that approximates Teams' look. (The
 * Agents Playground renders cards the same way, but reaching every card through chat commands needs
 * live jobs and roles; the samples cover every template deterministically.)
 * Needs Debian's chromium (`apt-get install -y chromium`) or CHROMIUM_PATH.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { CARDS_DIR, renderCard } from '../src/cards/render';

const ROOT = resolve(__dirname, '..');
const SAMPLES_DIR = resolve(ROOT, 'test', 'fixtures', 'cards');
export const SCREENSHOTS_DIR = resolve(ROOT, 'docs', 'screenshots');
const THEMES = { light: '', dark: '.dark' } as const;
type Theme = keyof typeof THEMES;

/** Teams-like colours per theme: text colours of the card palette and container backgrounds. */
const PALETTE: Record<Theme, { backgrounds: Record<string, string>; colors: Record<string, [string, string]> }> = {
  light: {
    backgrounds: { default: '#FFFFFF', emphasis: '#F5F5F5', accent: '#E8EBFA', good: '#E7F2DA', warning: '#FBF6D9', attention: '#FCF4F6' },
    colors: {
      default: ['#242424', '#616161'], dark: ['#242424', '#616161'], light: ['#FFFFFF', '#F0F0F0'], accent: ['#5B5FC7', '#4F52B2'],
      good: ['#237B4B', '#237B4B'], warning: ['#835C00', '#835C00'], attention: ['#C4314B', '#C4314B'],
    },
  },
  dark: {
    backgrounds: { default: '#292929', emphasis: '#1F1F1F', accent: '#2F2F4A', good: '#0D2E0D', warning: '#463100', attention: '#3E1F25' },
    colors: {
      default: ['#FFFFFF', '#ADADAD'], dark: ['#242424', '#616161'], light: ['#FFFFFF', '#ADADAD'], accent: ['#7F85F5', '#7F85F5'],
      good: ['#92C353', '#92C353'], warning: ['#FFAA44', '#FFAA44'], attention: ['#F9526B', '#F9526B'],
    },
  },
};

function hostConfig(theme: Theme): object {
  const p = PALETTE[theme];
  const foregroundColors = Object.fromEntries(Object.entries(p.colors).map(([k, [d, s]]) => [k, { default: d, subtle: s }]));
  return {
    fontFamily: "'Segoe UI', 'DejaVu Sans', sans-serif",
    spacing: { small: 4, default: 8, medium: 16, large: 20, extraLarge: 24, padding: 16 },
    separator: { lineThickness: 1, lineColor: theme === 'light' ? '#E0E0E0' : '#3D3D3D' },
    fontSizes: { small: 12, default: 14, medium: 18, large: 21, extraLarge: 24 },
    fontWeights: { lighter: 300, default: 400, bolder: 600 },
    containerStyles: Object.fromEntries(Object.entries(p.backgrounds).map(([style, backgroundColor]) => [style, { backgroundColor, foregroundColors }])),
    actions: { maxActions: 6, spacing: 'default', buttonSpacing: 8, actionsOrientation: 'horizontal', actionAlignment: 'left' },
    factSet: { title: { weight: 'bolder', wrap: true }, value: { wrap: true }, spacing: 12 },
  };
}

const PAGE = `<!doctype html><html><head><meta charset="utf-8"><style>
body { margin: 0; padding: 16px; font-family: 'Segoe UI', 'DejaVu Sans', sans-serif; }
body.light { background: #F5F5F5; } body.dark { background: #1F1F1F; }
.ac-actionSet { flex-wrap: wrap; row-gap: 8px; }
#card { width: 560px; border-radius: 8px; overflow: hidden; box-shadow: 0 1px 3px rgba(0,0,0,.2); }
.ac-pushButton { font: 600 14px 'Segoe UI', 'DejaVu Sans', sans-serif; padding: 5px 12px; border-radius: 4px; }
body.light .ac-pushButton { background: #FFFFFF; color: #242424; border: 1px solid #D1D1D1; }
body.dark .ac-pushButton { background: #292929; color: #FFFFFF; border: 1px solid #666666; }
</style><script src="/adaptivecards.js"></script></head><body><div id="card"></div><script>
const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
AdaptiveCards.AdaptiveCard.onProcessMarkdown = (text, result) => {
  result.outputHtml = esc(text).replace(/\\*\\*(.+?)\\*\\*/g, '<strong>$1</strong>').replace(/(^|[^\\w])_([^_]+)_(?![\\w])/g, '$1<em>$2</em>').replace(/\\n/g, '<br>');
  result.didProcess = true;
};
window.renderCard = (json, hostConfig, theme) => {
  document.body.className = theme;
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
    if (req.url === '/adaptivecards.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle);
    else if (req.url === '/') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
    else res.writeHead(404).end();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

async function main(): Promise<void> {
  const cards = cardsToDraw();
  const { server, url } = await serve();
  try {
    // playwright-core starts Chromium with a new, empty profile directory of its own.
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      await drawAll(browser, url, cards);
    } finally {
      await browser.close();
    }
  } finally {
    server.close();
  }
}

async function drawAll(browser: Browser, url: string, cards: Map<string, Record<string, unknown>>): Promise<void> {
  const page = await browser.newPage({ viewport: { width: 600, height: 400 }, deviceScaleFactor: 1 });
  await page.goto(url);
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  const written = new Set<string>();
  for (const [name, card] of cards) {
    for (const theme of Object.keys(THEMES) as Theme[]) {
      await page.evaluate(([json, config, t]) => (globalThis as unknown as { renderCard(...a: unknown[]): void }).renderCard(json, config, t), [card, hostConfig(theme), theme] as const);
      const file = `${name}${THEMES[theme]}.png`;
      writeFileSync(resolve(SCREENSHOTS_DIR, file), await page.locator('#card').screenshot());
      written.add(file);
    }
  }
  // Screenshots of templates that no longer exist would show cards users never see.
  for (const file of readdirSync(SCREENSHOTS_DIR).filter((f) => f.endsWith('.png') && !written.has(f))) rmSync(resolve(SCREENSHOTS_DIR, file));
  console.log(`Wrote ${written.size} screenshots of ${cards.size} cards to ${SCREENSHOTS_DIR}`);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exitCode = 1;
  });
}

/**
 * Help, routing and declines come from one table (src/app/request-families.ts): help is grouped,
 * shows only what the caller may use with literal placeholders and "Try it" buttons, every command
 * belongs to a family, and a family moves from "decline" to "command" by editing its row.
 */
import pino from 'pino';
import type { Deps } from '../../src/app/deps';
import { featureTable } from '../../src/app/feature-table';
import { commands, REQUEST_FAMILIES, type RequestFamily } from '../../src/app/request-families';
import { createRouter } from '../../src/app/router';
import type { Feature, TextCommand } from '../../src/app/routes';
import type { AdaptiveCard, Turn } from '../../src/app/turn';
import { loadConfig } from '../../src/config';
import { cardOf, cardStrings, createTestBot, messagesOf, type TestBot } from '../helpers/bot-harness';
import { expectValidCard } from '../helpers/card-check';
import { ADMIN, HELPDESK, PLAIN } from './phrasings';
import { readReply } from './reply-kind';

jest.setTimeout(60_000);

type Json = Record<string, unknown>;

function collect(node: unknown, keep: (obj: Json) => boolean, out: Json[] = []): Json[] {
  if (Array.isArray(node)) node.forEach((n) => collect(n, keep, out));
  else if (node && typeof node === 'object') {
    if (keep(node as Json)) out.push(node as Json);
    Object.values(node as Json).forEach((v) => collect(v, keep, out));
  }
  return out;
}

describe('help', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await createTestBot();
  });
  afterAll(async () => {
    await bot.close();
  });

  const helpFor = async (from = ADMIN) => {
    const card = cardOf(messagesOf(await bot.send('help', { from }))[0]) as Json;
    expectValidCard(card);
    return card;
  };

  it('when an admin asks, then commands come grouped as Ask, Fix, Watch and Admin, in that order', async () => {
    const headings = collect(await helpFor(), (o) => o.type === 'TextBlock' && o.size === 'Medium' && o.weight === 'Bolder').map((o) => o.text);
    expect(headings).toEqual(['What I can do', 'Ask', 'Fix', 'Watch', 'Admin']);
  });

  it('when help is shown, then placeholders are plain text runs (never Markdown or HTML a renderer could swallow)', async () => {
    const card = await helpFor();
    const runs = collect(card, (o) => o.type === 'TextRun').map((o) => o.text);
    expect(runs).toContain("why can't <person> access <environment>  |  check <person> everywhere");
    expect(runs).toContain('sync <group or people> to <environment> [including nested groups] [wait for licences]');
    // No TextBlock (which Teams renders as Markdown) carries a placeholder.
    const blocks = collect(card, (o) => o.type === 'TextBlock').map((o) => String(o.text));
    expect(blocks.filter((t) => /<[a-z]/.test(t))).toEqual([]);
  });

  it('when help is shown, then each command has a "Try it" button that runs its example, except where an example would do nothing useful', async () => {
    const buttons = collect(await helpFor(), (o) => o.type === 'Action.Execute').map((o) => ({ title: o.title, data: o.data }));
    expect(buttons).toContainEqual({ title: "Try: why can't Jane access UAT", data: { verb: 'command.run', text: "why can't Jane access UAT" } });
    expect(buttons).toContainEqual({ title: 'Try: sync Financial Coordinators to UAT', data: { verb: 'command.run', text: 'sync Financial Coordinators to UAT' } });
    const tried = buttons.map((b) => String((b.data as Json).text));
    expect(tried).not.toContain('job K7Q2XD9M');
    expect(tried).not.toContain('help');
    const clicked = await bot.invoke('command.run', { text: "why can't Jane access UAT" });
    expect(readReply(clicked.replies).text).toMatch(/Jane Doe \(jane\.doe@contoso\.com\) in UAT/);
  });

  it('when a helpdesk user asks, then the admin-only commands are not listed', async () => {
    const text = cardStrings(await helpFor(HELPDESK));
    expect(text).toMatch(/why can't <person> access/);
    expect(text).toMatch(/history/);
    expect(text).not.toMatch(/sync <group or people>|notify here|audit \[|doctor/);
  });

  it('when someone without a role asks, then only what anyone may use is listed, and the requests the bot points elsewhere are named', async () => {
    const card = await helpFor(PLAIN);
    const usages = collect(card, (o) => o.type === 'TextRun').map((o) => o.text);
    expect(usages).toEqual(['help', 'environments', 'hello']);
    expect(cardStrings(card)).toMatch(/Ask me about [^\n]*creating environments[^\n]*: I'll tell you where that is done/);
  });
});

describe('the request-family table', () => {
  const tableCommands = featureTable.flatMap((f) => f.commands);

  it('names every command of the feature table exactly once, and only commands that exist', () => {
    const named = REQUEST_FAMILIES.flatMap((f) => (f.answer.kind === 'commands' ? f.answer.commands : []));
    expect([...named].sort()).toEqual(tableCommands.map((c) => c.name).sort());
  });

  it('gives every decline a place (an admin-center page, a command or the service desk) and something the bot can do instead', () => {
    for (const family of REQUEST_FAMILIES) {
      if (family.answer.kind !== 'decline') continue;
      const { decline } = family.answer;
      expect({ id: family.id, where: decline.places.length + decline.shell.length > 0 || /service desk/.test(decline.because ?? '') }).toEqual({ id: family.id, where: true });
      expect({ id: family.id, nearby: decline.nearby({}).length > 0 }).toEqual({ id: family.id, nearby: true });
    }
  });

  it('when a family moves from decline to command by editing its row, then its phrasings run the command', async () => {
    const ran: string[] = [];
    const createEnvironment: TextCommand<{ text: string }> = {
      name: 'create environment', usage: 'create a <type> environment', summary: 'Create an environment.', examples: ['create a new sandbox environment'],
      access: 'anyone',
      parse: (text) => (/^create .*environment$/i.test(text) ? { text } : null),
      run: async (_turn, params) => void ran.push(params.text),
    };
    const features: Feature[] = [{ commands: [createEnvironment], actions: [] }];
    // The one edit: the row's answer (and, served, it no longer needs to be read before the commands).
    const moved: RequestFamily[] = REQUEST_FAMILIES.map((f) => (f.id === 'create-environment' ? { ...f, preempts: false, answer: commands(['create environment']) } : f));
    const deps = { config: loadConfig({ DATA_SOURCE: 'simulated' }), log: pino({ level: 'silent' }) } as unknown as Deps;
    const cards: AdaptiveCard[] = [];
    const turn = {
      caller: { name: 'Nadia' }, conversationKey: 'c', log: pino({ level: 'silent' }),
      reply: async () => undefined, replyCard: async (card: AdaptiveCard) => void cards.push(card), updateCard: async () => undefined, typing: async () => undefined,
    } as unknown as Turn;

    await createRouter(features, deps).handleText(turn, 'create a new sandbox environment');
    expect(ran).toEqual([]);
    expect(cardStrings(cards[0]?.content)).toMatch(/can't create environments[\s\S]*pac admin create/);

    await createRouter(features, deps, { families: moved }).handleText(turn, 'create a new sandbox environment');
    expect(ran).toEqual(['create a new sandbox environment']);
  });
});

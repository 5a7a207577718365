/**
 * What users typed stays inert (issue 15, item 7): every reply and card that echoes input is sent the
 * hostile strings, and nothing of them may render as a link, image, HTML or emphasis; direction overrides
 * and zero-width characters never come back; no surrogate pair is split. Text is checked the way Teams
 * gets it: message text (Markdown) and every text, fact and button title of every card.
 */
import type { Activity } from 'botbuilder';
import type { Diagnosis, Verdict } from '../../src/domain/access/diagnosis';
import { matrixCard } from '../../src/features/diagnose/matrix.card';
import { syncRuntimeFor } from '../../src/features/sync';
import { syncConfirmCard } from '../../src/features/sync/sync-confirm.card';
import type { DirectoryUser, Environment } from '../../src/gateways/types';
import type { SyncJob } from '../../src/jobs/job-types';
import { cardOf, createTestBot, messagesOf, type TestBot } from '../helpers/bot-harness';
import { ADMIN } from './helpers/watch';

/** The hostile strings of the issue, each with the markup that must never reach a reply unescaped. */
const HOSTILE: { name: string; text: string; markup: RegExp }[] = [
  { name: 'a Markdown link', text: '[Reset your password](https://evil.example/reset)', markup: /\[Reset your password\]\(/ },
  { name: 'an image', text: '![x](https://evil.example/x.png)', markup: /!\[x\]\(/ },
  { name: 'HTML', text: '<b>x</b>', markup: /<\/?b>/ },
  { name: 'emphasis', text: '**x**', markup: /\*\*x\*\*/ },
  { name: 'a right-to-left override', text: 'Jane\u202eeoD', markup: /\u202e/ },
  { name: 'a left-to-right override', text: '\u202dJane Doe', markup: /\u202d/ },
  { name: 'zero-width characters', text: 'Ja\u200bne\u200d\u2060Doe', markup: /\u200b|\u200d|\u2060/ },
];

/** Every place a request echoes what was typed: the bot's commands, with {x} where the hostile text goes. */
const ECHOING_COMMANDS = [
  "why can't {x} access UAT",
  "why can't Jane Doe access {x}",
  'check {x} everywhere',
  'sync {x} to UAT',
  'sync Jane Doe to {x}',
  'sync {x}',
  "why can't {x} access",
  'watch {x} for UAT',
  'stop watching {x}',
  'audit user {x}',
  'audit env {x}',
  'job {x}',
  'roles in {x}',
  '{x}',
  'who has access to {x}',
  'remove {x} from UAT',
  'remove Jane Doe from {x}',
  'licence for {x}',
  'licence for Jane Doe in {x}',
  "why can't {x} open Expense Tracker",
  "why can't Jane Doe open {x}",
  "why can't Jane Doe open Expense Tracker in {x}",
  'who can open {x}',
  'which apps can {x} open',
  'give {x} the Basic User role in UAT',
  'give Jane Doe the {x} role in UAT',
  'give Jane Doe the Basic User role in {x}',
  'sync Jane Doe to UAT as {x}',
  'sync Jane Doe to UAT in business unit {x}',
];

/** Answered without quoting the input: "job …" offers the history, a bare link is read as a password-reset request. */
const DECLINED_WITHOUT_ECHO = ['job {x}', '{x}'];

const INVISIBLE = /[\u202a-\u202e\u2066-\u2069\u200b-\u200d\u2060\ufeff]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Everything Teams would show, and whether it renders Markdown: message text, TextBlocks and facts do;
 * TextRuns, button titles, labels and choices are shown verbatim (markup there is inert by nature).
 */
interface Shown {
  text: string;
  markdown: boolean;
}

function shown(activities: Partial<Activity>[], card?: Record<string, unknown>): Shown[] {
  const out: Shown[] = [];
  const walk = (node: unknown, inFacts = false): void => {
    if (Array.isArray(node)) node.forEach((n) => walk(n, inFacts));
    else if (node && typeof node === 'object') {
      const obj = node as Record<string, unknown>;
      const markdown = obj.type === 'TextBlock' || inFacts;
      for (const [key, value] of Object.entries(obj)) {
        if (key === 'data' || key === 'fallback') continue;
        if (typeof value === 'string' && ['text', 'title', 'value', 'label', 'placeholder'].includes(key)) out.push({ text: value, markdown: markdown && (key === 'text' || inFacts) });
        else walk(value, key === 'facts');
      }
    }
  };
  for (const a of messagesOf(activities)) {
    if (a.text) out.push({ text: a.text, markdown: true });
    walk(cardOf(a));
  }
  walk(card);
  return out;
}

/** The text with every backslash-escaped character (CommonMark: shown as itself, never markup) blanked out. */
const unescaped = (text: string) => text.replace(/\\[!-/:-@[-`{-~]/g, '\u0000');

function problems(texts: Shown[], markup: RegExp): string[] {
  return texts.flatMap(({ text: t, markdown }) => [
    ...(markdown && markup.test(unescaped(t)) ? [`renders markup: ${JSON.stringify(t.slice(0, 160))}`] : []),
    ...(INVISIBLE.test(t) ? [`keeps an invisible character: ${JSON.stringify(t.slice(0, 160))}`] : []),
    ...(LONE_SURROGATE.test(t) ? [`splits a surrogate pair: ${JSON.stringify(t.slice(0, 160))}`] : []),
  ]);
}

let bot: TestBot;
beforeAll(async () => {
  bot = await createTestBot({ from: ADMIN, env: { RATE_LIMIT_BURST: '1000', RATE_LIMIT_PER_MINUTE: '1000' } });
});
afterAll(async () => {
  await syncRuntimeFor(bot.deps).idle();
  await bot.close();
});

describe.each(HOSTILE)('$name typed into a request comes back inert', ({ text, markup }) => {
  it.each(ECHOING_COMMANDS)('%s', async (command) => {
    const sent = await bot.send(command.replace('{x}', text));
    await syncRuntimeFor(bot.deps).idle();
    expect(problems(shown(sent), markup)).toEqual([]);
    // The words still come back, shown as typed (these requests quote what they could not find).
    if (text.startsWith('[Reset') && !DECLINED_WITHOUT_ECHO.includes(command)) {
      const quoted = shown(sent).some((t) => t.text.includes(t.markdown ? '\\[Reset your password\\]\\(https\\://evil\\.example/reset\\)' : text));
      expect([command, quoted]).toEqual([command, true]);
    }
  });

  it('in a card: re-checking a person of a sync job', async () => {
    await bot.send('sync Avery Brooks to UAT');
    await syncRuntimeFor(bot.deps).idle();
    const jobs = await bot.deps.db.selectFrom('sync_jobs').select('id').orderBy('created_at', 'desc').limit(1).execute();
    const answer = await bot.invoke('sync.recheck', { jobId: jobs[0]?.id, page: '1', user: text });
    expect(problems([{ text: answer.text ?? '', markdown: true }, ...shown(answer.replies, answer.card)], markup)).toEqual([]);
  });

  it('in a card: checking a person from the check form', async () => {
    const answer = await bot.invoke('diagnose.check', { user: text, environment: '' });
    expect(problems([{ text: answer.text ?? '', markdown: true }, ...shown(answer.replies, answer.card)], markup)).toEqual([]);
  });

  it('in the audit card, where an admin reads what others typed', async () => {
    await bot.send(`sync ${text} to ${text}`);
    const [audit] = messagesOf(await bot.send('audit all'));
    expect(problems(shown([audit ?? {}]), markup)).toEqual([]);
  });
});

describe('long input with an emoji at the cut', () => {
  it.each([79, 80, 81, 199, 200])('a request cut at %i characters keeps every emoji whole', async (at) => {
    const text = `${'a'.repeat(at - 1)}😀😀 and more words after it`;
    for (const command of ['{x}', 'sync {x} to UAT', "why can't {x} access UAT"]) {
      const sent = await bot.send(command.replace('{x}', text));
      await syncRuntimeFor(bot.deps).idle();
      expect(problems(shown(sent), /$^/)).toEqual([]);
    }
    const [audit] = messagesOf(await bot.send('audit all'));
    expect(problems(shown([audit ?? {}]), /$^/)).toEqual([]);
  });
});

/** Names the tenant holds (an environment, a person, a security role) are shown in Markdown TextBlocks too. */
describe.each(HOSTILE)('$name as a name in the tenant is shown inert', ({ text, markup }) => {
  const user: DirectoryUser = {
    id: 'a1b2c3d4-0000-4000-8000-000000000001', displayName: text, userPrincipalName: 'jane.doe@contoso.com', mail: null,
    givenName: null, surname: null, userType: 'Member', accountEnabled: true, assignedLicenses: [],
  };
  const environment = (i: number): Environment => ({
    id: `e0000000-0000-4000-8000-${String(i).padStart(12, '0')}`, displayName: `${text} ${i}`, sku: 'Sandbox', isDefault: false, runtimeState: 'Enabled',
    dataverse: { instanceUrl: `https://org${i}.crm.dynamics.com/`, domainName: `org${i}`, securityGroupId: null }, appPassCapacity: 0,
  });
  const diagnosis = (env: Environment, verdict: Verdict): Diagnosis => ({
    subject: { kind: 'person', id: user.id, displayName: user.displayName, userPrincipalName: user.userPrincipalName },
    user: { id: user.id, displayName: user.displayName, userPrincipalName: user.userPrincipalName },
    environment: { id: env.id, displayName: env.displayName },
    verdict, headline: verdict, checks: [], keyFacts: { licences: [], securityGroup: null, roles: [], accessMode: null },
  });

  it('in "check <person> everywhere": the rows, the summary lines and the "Show the N" lists', () => {
    const rows = Array.from({ length: 40 }, (_, i) => environment(i)).map((env, i) => ({ environment: env, diagnosis: diagnosis(env, i < 3 ? 'blocked' : 'can-access') }));
    const card = matrixCard({ kind: 'person', user }, rows);
    expect(JSON.stringify(card.content)).toContain('Show the 37');
    expect(problems(shown([], card.content), markup)).toEqual([]);
  });

  it('in the confirm card of a sync with a role into a business unit', () => {
    const job = {
      id: 'abcd1234', kind: 'users', requestedBy: { aadObjectId: null, name: 'Ada Admin' }, conversationKey: null, card: null,
      environment: { id: environment(1).id, displayName: text, instanceUrl: null }, target: text,
      options: { role: { rootRoleId: 'r1', name: text }, businessUnit: { id: 'b1', name: text } }, state: 'preview', error: null,
      createdAt: 0, startedAt: null, finishedAt: null, totals: { members: 1, synced: 0, failed: 0, skipped: 0, pending: 1, visible: 0 },
    } satisfies SyncJob;
    expect(problems(shown([], syncConfirmCard(job, 'c1', 10).content), markup)).toEqual([]);
  });
});

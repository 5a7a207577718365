/**
 * Dialogs (botbuilder-dialogs, src/bot/dialogs): a request missing a part is asked for, answered by a
 * button or by typing, cancelled, interrupted by a new command, expired on the bot's clock, and
 * continued by a new bot over the same store after a restart.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Activity } from 'botbuilder';
import { cardOf, createTestBot, messagesOf, type TestBot, type TestUser } from '../helpers/bot-harness';
import { expectValidCard } from '../helpers/card-check';
import { ADMIN, HELPDESK } from './phrasings';
import { readReply } from './reply-kind';

jest.setTimeout(60_000);

const UAT = 'ceb11b53-d685-4c77-9a64-37b481898617';
const FAST = { RATE_LIMIT_BURST: '1000', RATE_LIMIT_PER_MINUTE: '6000' };

type Json = Record<string, unknown>;

/** The question card of a turn, and the data of its buttons. */
function question(replies: Partial<Activity>[]): { card: Json; answers: { title: string; data: Json }[] } {
  const card = messagesOf(replies).map(cardOf).find((c) => JSON.stringify(c).includes('"dialog.answer"'));
  if (!card) throw new Error(`No question in ${JSON.stringify(replies)}`);
  const actions = (card.actions ?? []) as { title: string; data: Json }[];
  return { card, answers: actions };
}

const jobs = async (bot: TestBot) => bot.deps.db.selectFrom('sync_jobs').select(['target', 'environment_name', 'state']).execute();

describe('a request that lacks its environment', () => {
  let bot: TestBot;
  beforeEach(async () => {
    bot = await createTestBot({ env: FAST });
  });
  afterEach(async () => {
    await bot.close();
  });

  it('when the environment is picked on the card, then the same group preview runs as for the typed command', async () => {
    const asked = await bot.send('sync Financial Coordinators');
    const { card, answers } = question(asked);
    expectValidCard(card);
    expect(readReply(asked).kind).toBe('question');
    // Ten environments with Dataverse: a drop-down (its value arrives as `answer`) and one button.
    expect(JSON.stringify(card)).toContain('"Input.ChoiceSet"');
    const choose = answers[0];
    const answered = await bot.submit('dialog.answer', { ...choose?.data, answer: UAT });
    expect(readReply(answered).text).toMatch(/Financial Coordinators \(group\) to UAT/);
    expect(await jobs(bot)).toEqual([expect.objectContaining({ target: 'Financial Coordinators (group)', environment_name: 'UAT', state: 'preview' })]);
  });

  it('when the environment is typed, by name, number or nickname, then the request runs there', async () => {
    await bot.send('sync Jane Doe');
    const narrowed = await bot.send('finance');
    expect(readReply(narrowed).text).toMatch(/"finance" could be 3 environments[\s\S]*UAT Finance[\s\S]*Finance Team[\s\S]*Finance Reporting/);
    // Three choices: buttons; "3" counts in the narrowed list.
    expect(question(narrowed).answers.map((a) => a.title)).toEqual(['UAT Finance', 'Finance Team', 'Finance Reporting']);
    const done = await bot.send('3');
    expect(readReply(done).text).toMatch(/Sync(?:ing)? Jane Doe to Finance Reporting/);

    await bot.send('sync Tom Becker');
    expect(readReply(await bot.send('uat env')).text).toMatch(/Sync(?:ing)? Tom Becker to UAT/);
  });

  it('when a narrowed choice is clicked, then that environment is used', async () => {
    await bot.send('sync Ravi Iyer');
    const narrowed = question(await bot.send('prod'));
    // Only environments with Dataverse can take a sync: Marketing Sites (Production, no Dataverse) is not offered.
    expect(narrowed.answers.map((a) => a.title)).toEqual(['Contoso Production', 'Field Inspections']);
    const clicked = await bot.submit('dialog.answer', narrowed.answers[1]?.data ?? {});
    expect(readReply(clicked).text).toMatch(/Ravi Iyer/);
    expect((await jobs(bot))[0]).toMatchObject({ environment_name: 'Field Inspections' });
  });

  it('when the answer names no environment, then the question is asked again and nothing runs', async () => {
    await bot.send('sync Financial Coordinators');
    const again = await bot.send('Narnia');
    expect(readReply(again).text).toMatch(/I can't find an environment called "Narnia"\. Which environment should I sync "Financial Coordinators" into\?/);
    const noDataverse = await bot.send('Marketing Sites');
    expect(readReply(noDataverse).text).toMatch(/Marketing Sites has no Dataverse database/);
    expect(await jobs(bot)).toEqual([]);
  });

  it('when the person types cancel, then the dialog ends, nothing runs, and the next answer is not taken for it', async () => {
    await bot.send('sync Financial Coordinators');
    const cancelled = messagesOf(await bot.send('never mind'));
    expect(cancelled.map((a) => a.text)).toEqual(['OK, I stopped there: nothing was done for "sync Financial Coordinators".']);
    const later = readReply(await bot.send('UAT'));
    expect(later.text).toMatch(/UAT: what should I do there\?/);
    expect(await jobs(bot)).toEqual([]);
  });

  it('when a new command comes instead of an answer, then it runs and the question is dropped', async () => {
    await bot.send('sync Financial Coordinators');
    const interrupted = readReply(await bot.send('environments'));
    expect(interrupted.text).toMatch(/Contoso Production/);
    expect(readReply(await bot.send('UAT')).text).toMatch(/UAT: what should I do there\?/);
    expect(await jobs(bot)).toEqual([]);
  });

  it('when a new request lacks a part too, then its dialog replaces the open one (one dialog at a time)', async () => {
    await bot.send('sync Financial Coordinators');
    const other = readReply(await bot.send('watch UAT Access'));
    expect(other.text).toMatch(/Which environment should I sync new members of "UAT Access" into\?/);
    const done = messagesOf(await bot.send('UAT'));
    expect(done.map((a) => a.text).join('\n')).toMatch(/Watching \*\*UAT Access\*\* for \*\*UAT\*\*/);
    expect(await jobs(bot)).toEqual([]);
  });

  it('when a button of an answered question is clicked again, then nothing runs twice', async () => {
    await bot.send('sync Jane Doe');
    const narrowed = question(await bot.send('finance'));
    await bot.submit('dialog.answer', narrowed.answers[0]?.data ?? {});
    const again = messagesOf(await bot.submit('dialog.answer', narrowed.answers[0]?.data ?? {}));
    expect(again.map((a) => a.text)).toEqual(['That question was already answered, cancelled or timed out. Type your request again, or **help**.']);
    expect(await jobs(bot)).toHaveLength(1);
  });

  it('when the whole request comes from a dialog, then the audit trail reads as if it had been typed', async () => {
    await bot.send('sync Financial Coordinators');
    await bot.send('UAT');
    const rows = await bot.deps.db.selectFrom('audit_log').select(['what', 'summary', 'result']).where('what', '=', 'sync').execute();
    expect(rows).toEqual([{ what: 'sync', summary: 'sync Financial Coordinators to UAT', result: 'ok' }]);
  });
});

describe('who may answer', () => {
  it('when a helpdesk user asks for a sync without an environment, then it is refused before anything is asked', async () => {
    const bot = await createTestBot({ env: FAST });
    try {
      const refused = messagesOf(await bot.send('sync Financial Coordinators', { from: HELPDESK }));
      expect(refused.map((a) => a.text).join('\n')).toMatch(/Only members of Dataverse Access Bot Admins can do this/);
      expect(readReply(await bot.send('UAT', { from: HELPDESK })).text).not.toMatch(/Syncing|group\) to UAT/);
    } finally {
      await bot.close();
    }
  });

  it("when two people talk in one group chat, then each has their own dialog and one cannot answer the other's", async () => {
    const bot = await createTestBot({ env: FAST, conversationType: 'groupChat' });
    const LIAM: TestUser = HELPDESK;
    try {
      const asked = readReply(await bot.send("someone can't get into UAT", { from: ADMIN }));
      expect(asked).toMatchObject({ kind: 'question', text: expect.stringMatching(/Who can't get into UAT\?/) });
      // Liam's message is his own: it does not answer Nadia's question.
      expect(readReply(await bot.send('Jane', { from: LIAM })).text).not.toMatch(/Jane Doe \(jane\.doe@contoso\.com\) in UAT/);
      const answered = readReply(await bot.send('Jane', { from: ADMIN }));
      expect(answered.text).toMatch(/Jane Doe \(jane\.doe@contoso\.com\) in UAT/);
    } finally {
      await bot.close();
    }
  });
});

describe('expiry (the bot clock, no waiting)', () => {
  let now = Date.parse('2026-11-22T09:00:00Z');
  let bot: TestBot;
  beforeEach(async () => {
    now = Date.parse('2026-11-22T09:00:00Z');
    bot = await createTestBot({ env: { ...FAST, DIALOG_TIMEOUT_MINUTES: '5' }, now: () => now });
  });
  afterEach(async () => {
    await bot.close();
  });

  it('when the answer comes within the timeout, then it is taken; each answer restarts the clock', async () => {
    await bot.send('sync Jane Doe');
    now += 4 * 60_000;
    await bot.send('finance');
    now += 4 * 60_000;
    expect(readReply(await bot.send('UAT Finance')).text).toMatch(/Sync(?:ing)? Jane Doe to UAT Finance/);
  });

  it('when the answer comes after the timeout, then the question is dropped, nothing runs, and Start again repeats the request', async () => {
    await bot.send('sync Financial Coordinators');
    now += 5 * 60_000 + 1;
    const late = await bot.send('UAT');
    const card = messagesOf(late).map(cardOf).find(Boolean);
    expect(readReply(late).text).toMatch(/My question about "sync Financial Coordinators" waited more than 5 minutes for an answer, so I dropped it/);
    expect(JSON.stringify(card)).toContain('"text":"sync Financial Coordinators"');
    expect(await jobs(bot)).toEqual([]);
    const again = await bot.invoke('command.run', { text: 'sync Financial Coordinators' });
    expect(readReply(again.replies).text).toMatch(/Which environment should I sync "Financial Coordinators" into\?/);
  });

  it('when a new command comes after the timeout, then it simply runs', async () => {
    await bot.send('sync Financial Coordinators');
    now += 60 * 60_000;
    expect(readReply(await bot.send('environments')).text).toMatch(/Contoso Production/);
  });
});

describe('a restart in the middle of a dialog', () => {
  it('when a new bot opens the same store, then the open question is still answered and the request runs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dab-dialog-'));
    const env = { ...FAST, STORE_PATH: join(dir, 'bot.sqlite') };
    try {
      const before = await createTestBot({ env });
      expect(readReply(await before.send('sync Financial Coordinators')).text).toMatch(/Which environment/);
      await before.close();

      const after = await createTestBot({ env });
      try {
        expect(readReply(await after.send('UAT')).text).toMatch(/Financial Coordinators \(group\) to UAT/);
      } finally {
        await after.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/**
 * Hostile and broken input (issue 6): every case of hostile-cases.ts through the Teams adapter,
 * then malformed bodies over HTTP. Each gets a clear answer, makes no Microsoft call it should
 * not (simulator request counts), changes nothing (store and tenant), and the bot still answers
 * the next request.
 */
import type { Activity } from 'botbuilder';
import { syncRuntimeFor } from '../../src/features/sync';
import { cardOf, cardStrings, createTestBot, messagesOf, type TestBot } from '../helpers/bot-harness';
import { HOSTILE_CASES, type HostileCase, type HostileInput, type Preparation } from './hostile-cases';
import { ADMIN, microsoftCalls, storeSnapshot, tenantSnapshot } from './helpers/watch';

let bot: TestBot;
let clock = Date.now();
beforeAll(async () => {
  // Limits high: this file is about input, access-rules.test.ts covers the per-caller limits.
  bot = await createTestBot({ from: ADMIN, now: () => clock, captureLogs: Boolean(process.env.HOSTILE_DISCOVERY), env: { RATE_LIMIT_BURST: '1000', RATE_LIMIT_PER_MINUTE: '1000' } });
});
afterAll(async () => {
  await bot.close();
});

const said = (activities: Partial<Activity>[]) =>
  messagesOf(activities)
    .map((a) => [a.text ?? '', cardStrings(cardOf(a))].join('\n'))
    .join('\n');

const preparation: Preparation = {
  async click(verb, data) {
    return (await bot.invoke(verb, data, { from: ADMIN })).card;
  },
  advanceClock(ms) {
    clock += ms;
  },
};

async function answer(c: HostileCase, input: HostileInput): Promise<string> {
  const from = c.from ?? ADMIN;
  if ('text' in input) return said(await bot.send(input.text, { from }));
  if ('invoke' in input) {
    const result = await bot.invoke(input.invoke, input.data, { from });
    return [result.text ?? '', cardStrings(result.card), said(result.replies)].join('\n');
  }
  if ('submitValue' in input) return said(await bot.send('', { from, activity: { value: input.submitValue } }));
  return said(await bot.send(input.activity.text ?? '', { from, activity: input.activity }));
}

async function settled(): Promise<void> {
  await syncRuntimeFor(bot.deps).idle();
  await syncRuntimeFor(bot.deps).idle();
}

/**
 * How many times as long as a short message it does not understand ('lorem ipsum') the bot may take over a `quick` case.
 * Measured at most 2.4 on 2 CPUs at load 19 (the 100 KB refusal: 0.03). A parser that is slow on long input blocks for
 * seconds, and on a loaded machine that CPU-bound work slows as much as the yardstick does, so the ratio holds either way.
 */
const QUICK_RATIO = 10;

/** The case's answer time over the yardstick's: fastest of three each, in turns (hiccups only add time; load slows both alike). */
async function slowdown(c: HostileCase, input: HostileInput): Promise<number> {
  const fastest = { long: Number.POSITIVE_INFINITY, short: Number.POSITIVE_INFINITY };
  for (let i = 0; i < 3; i++) {
    for (const [kind, sent] of [['long', input], ['short', { text: 'lorem ipsum' }]] as const) {
      const started = performance.now();
      await answer(c, sent);
      await settled();
      fastest[kind] = Math.min(fastest[kind], performance.now() - started);
    }
  }
  return fastest.long / fastest.short;
}

describe('hostile and broken input through the Teams adapter', () => {
  it('has at least 60 cases', async () => {
    expect(HOSTILE_CASES.length).toBeGreaterThanOrEqual(60);
  });

  const run = async (c: HostileCase) => {
    const input = typeof c.input === 'function' ? await c.input(preparation) : c.input;
    await settled();
    const calls = microsoftCalls(bot.sim);
    const store = await storeSnapshot(bot.deps.db);
    const tenant = tenantSnapshot(bot.sim);

    const started = Date.now();
    const reply = await answer(c, input);
    await settled();
    if (process.env.HOSTILE_DISCOVERY) process.stdout.write(`\n### ${c.name} (${Date.now() - started} ms)\n${reply.slice(0, 400)}\n${JSON.stringify(bot.logs.splice(0).filter((l) => Number(l.level) >= 40)).slice(0, 1500)}\n`);

    expect(reply).toMatch(c.answer);
    expect(reply).not.toMatch(/Something went wrong/);
    const after = microsoftCalls(bot.sim);
    expect({ graphWrites: after.graphWrites, addUser: after.addUser }).toEqual({ graphWrites: calls.graphWrites, addUser: calls.addUser });
    if (c.noMicrosoftCalls) expect(after).toEqual(calls);
    expect(await storeSnapshot(bot.deps.db)).toBe(store);
    expect(tenantSnapshot(bot.sim)).toBe(tenant);
    if (c.quick) expect(await slowdown(c, input)).toBeLessThanOrEqual(QUICK_RATIO);

    const next = await bot.send('help', { from: ADMIN });
    expect(said(next)).toMatch(/sync/i);
  };

  const cases = (gaps: boolean) => HOSTILE_CASES.filter((c) => (c.knownGap !== undefined) === gaps).map((c) => [c.name, c] as const);
  it.each(cases(false))('%s', (_name, c) => run(c));
  // Reported defects outside the security code: each fails today for the reason in knownGap (none open now).
  const gaps = cases(true);
  if (gaps.length > 0) it.failing.each(gaps)('KNOWN GAP: %s', (_name, c) => run(c));
});

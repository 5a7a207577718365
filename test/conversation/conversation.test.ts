/**
 * The conversation suite: the whole bot (TestAdapter → TeamsBot → router → features → simulated
 * tenant) answers every phrasing of test/conversation/phrasings.ts, each in a conversation of its own,
 * with the kind of answer expected and what that answer must say; none gets "I didn't understand".
 */
import { createTestBot, type TestBot } from '../helpers/bot-harness';
import { ADMIN, PHRASINGS, type Family, type Phrasing } from './phrasings';
import { readReply } from './reply-kind';

jest.setTimeout(120_000);

let bot: TestBot;
let jobId = '';
let conversation = 0;

async function ask(say: string, from = ADMIN) {
  conversation += 1;
  const { tenantId } = bot.app.config;
  const replies = await bot.send(say, { from, activity: { conversation: { id: `a:conversation-${conversation}`, conversationType: 'personal', tenantId, isGroup: false, name: 'test' } } });
  return readReply(replies);
}

beforeAll(async () => {
  bot = await createTestBot({ env: { RATE_LIMIT_BURST: '1000', RATE_LIMIT_PER_MINUTE: '6000' } });
  // Ravi Iyer is ready for UAT, so his sync is queued at once (someone blocked would get a prediction first).
  await ask('sync ravi.iyer@contoso.com to UAT');
  const job = await bot.deps.db.selectFrom('sync_jobs').select('id').orderBy('created_at', 'desc').executeTakeFirstOrThrow();
  jobId = job.id;
});

afterAll(async () => {
  await bot.close();
});

const FAMILIES: Family[] = [
  'diagnose', 'vague diagnose', 'group sync', 'people sync', 'missing environment', 'environment list', 'history', 'job', 'watch', 'notify',
  'audit', 'help', 'role assignment', 'removal', 'who has access', 'app access', 'licences', 'typos', 'small talk', 'out of scope',
];

describe('the corpus', () => {
  it('has at least 80 phrasings, covering every family', () => {
    expect(PHRASINGS.length).toBeGreaterThanOrEqual(80);
    expect(new Set(PHRASINGS.map((p) => p.family))).toEqual(new Set(FAMILIES));
  });
});

describe('every phrasing gets a specific answer', () => {
  const label = (p: Phrasing) => (typeof p.say === 'string' ? p.say : p.say({ jobId: '<job id>' }));
  it.each(PHRASINGS.map((p) => [p.family, label(p), p] as const))('%s: "%s"', async (_family, _label, phrasing) => {
    const said = typeof phrasing.say === 'string' ? phrasing.say : phrasing.say({ jobId });
    const reply = await ask(said, phrasing.from);
    expect({ said, kind: reply.kind, text: reply.text }).toMatchObject({ kind: phrasing.kind });
    expect(reply.text).not.toMatch(/I didn't understand/);
    expect(reply.text).toMatch(phrasing.says);
    if (phrasing.kind === 'decline') {
      // Where it is done: a link the bot built, or a named place when there is no page for it.
      if (phrasing.link) expect(reply.links.some((link) => phrasing.link?.test(link))).toBe(true);
      else expect(reply.text).toMatch(/IT service desk/);
      expect(reply.buttons.length).toBeGreaterThan(0);
    }
    // A question is answered with a button, or by typing what it asks for.
    if (phrasing.kind === 'question') expect(reply.buttons.length > 0 || /Type their name|Type a group|Type the name/.test(reply.text)).toBe(true);
  });
});

describe('text with no recognisable intent', () => {
  it.each(['asdf qwer zxcv', 'purple elephant dishwasher', '👍'])('"%s" is not understood, and the three closest commands are offered as buttons', async (text) => {
    const reply = await ask(text);
    expect(reply.kind).toBe('not-understood');
    expect(reply.buttons).toHaveLength(3);
  });
});

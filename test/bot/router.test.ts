import pino from 'pino';
import type { Deps } from '../../src/app/deps';
import { createRouter, RUN_COMMAND_VERB } from '../../src/app/router';
import { closestCommands } from '../../src/app/understand/closest-commands';
import { cardStrings } from '../helpers/bot-harness';
import type { CardAction, Feature, TextCommand } from '../../src/app/routes';
import { normalise, sanitise } from '../../src/app/text';
import type { Turn } from '../../src/app/turn';
import { AppError, invalidInput } from '../../src/errors';

function fakeTurn(): Turn & { said: string[] } {
  const said: string[] = [];
  return {
    said,
    caller: { name: 'Nadia', aadObjectId: 'd659a488-07e2-473b-ba03-cab544e94467' },
    conversationKey: 'c1',
    log: pino({ level: 'silent' }),
    reply: async (text) => void said.push(text),
    replyCard: async (card) => {
      said.push(cardStrings(card.content));
      return { conversationKey: 'c1', activityId: '1' };
    },
    updateCard: async () => undefined,
    typing: async () => undefined,
  };
}

const ran: string[] = [];
const command = (name: string, usage = name, examples = [name]): TextCommand<{ text: string }> => ({
  name,
  usage,
  summary: `${name} summary`,
  examples,
  access: 'anyone',
  parse: (text) => (normalise(text).startsWith(name) ? { text } : null),
  run: async (_turn, params) => void ran.push(`${name}:${params.text}`),
});
const approve: CardAction<{ id: string }> = {
  verb: 'test.approve',
  access: 'admin',
  parse(data) {
    if (typeof data.id !== 'string') throw invalidInput('That approval has no request id, so nothing was approved.');
    return { id: data.id };
  },
  run: async (_turn, params) => ({ text: `approved ${params.id}` }),
};
const features: Feature[] = [
  { commands: [command('sync everyone'), command('sync', 'sync <group> to <environment>', ['sync Financial Coordinators to UAT'])], actions: [approve] },
  { commands: [command('environments'), command('help')], actions: [] },
];
const deps = {} as Deps;

describe('router', () => {
  beforeEach(() => {
    ran.length = 0;
  });

  it('when two commands could match, then the first in the table wins', async () => {
    const router = createRouter(features, deps);
    await router.handleText(fakeTurn(), 'Sync  everyone now');
    expect(ran).toEqual(['sync everyone:Sync everyone now']);
  });

  it('when the first word is one typo from a command, then nothing runs and the command meant is offered as a button', async () => {
    const router = createRouter(features, deps);
    const turn = fakeTurn();
    await router.handleText(turn, 'enviroments');
    expect(ran).toEqual([]);
    // The button (an Action.Execute with its Action.Submit fallback) runs "environments".
    expect(new Set(turn.said[0]?.split('\n'))).toEqual(new Set(['Did you mean: environments?', 'environments']));
  });

  it('when text matches nothing at all, then nothing runs and the reply offers the three closest commands as buttons', async () => {
    const router = createRouter(features, deps);
    const turn = fakeTurn();
    await router.handleText(turn, 'zzqx frobnicate');
    expect(ran).toEqual([]);
    expect(turn.said[0]).toMatch(/^I didn't understand "zzqx frobnicate"\./);
  });

  it('when the closest command is asked for, then suggestions rank by edit distance on words and examples', () => {
    const commands = features.flatMap((f) => f.commands);
    expect(closestCommands('synk Financial Coordinators to UAT', commands)[0]?.name).toBe('sync');
    expect(closestCommands('halp', commands)[0]?.name).toBe('help');
  });

  it('when a message is longer than 2,000 characters, then nothing is parsed or run and the reply says how long it was', async () => {
    const router = createRouter(features, deps);
    const turn = fakeTurn();
    await router.handleText(turn, `environments ${'x'.repeat(2_100)}`);
    expect(ran).toEqual([]);
    expect(turn.said).toEqual([expect.stringMatching(/^That message is too long for me \(2,113 characters\)\. I read at most 2,000/)]);
  });

  it('when a message is exactly 2,000 characters, then it is still parsed', async () => {
    const router = createRouter(features, deps);
    const text = `environments ${'x'.repeat(2_000 - 'environments '.length)}`;
    await router.handleText(fakeTurn(), text);
    expect(ran).toEqual([`environments:${text}`]);
  });

  it.each([
    ['control characters', '\u0000environments\u0007', 'environments:environments'],
    ['a zero-width space and a BOM', '\ufeffenvi\u200bronments', 'environments:environments'],
    ['a lone surrogate half', 'environments \ud800now', 'environments:environments now'],
    ['a control character between words (becomes a space)', 'sync\u0000everyone', 'sync everyone:sync everyone'],
  ])('when typed text carries %s, then the command sees the text without them', async (_case, typed, expected) => {
    await createRouter(features, deps).handleText(fakeTurn(), typed);
    expect(ran).toEqual([expected]);
  });

  it('when card data carries a lone surrogate or control characters, then the handler gets them cleaned', async () => {
    const router = createRouter(features, deps);
    await expect(router.handleAction(fakeTurn(), 'test.approve', { id: 'r-\udc001\u0000' })).resolves.toEqual({ text: 'approved r-1 ' });
  });

  it('when a card action arrives with a known verb, then its parsed params reach the handler and the result comes back', async () => {
    const router = createRouter(features, deps);
    await expect(router.handleAction(fakeTurn(), 'test.approve', { verb: 'test.approve', id: 'r-1' })).resolves.toEqual({ text: 'approved r-1' });
  });

  it.each<[string, unknown, unknown, RegExp]>([
    ['an unknown verb', 'nope.delete', {}, /I don't know the button action "nope.delete", so I did nothing/],
    ['no verb', undefined, {}, /did not say what to do/],
    ['data that is not an object', 'test.approve', 'id=1', /could not read/],
    ['malformed data', 'test.approve', { id: 42 }, /no request id, so nothing was approved/],
    ['a run-command button without text', RUN_COMMAND_VERB, { text: ' ' }, /did not say which command/],
  ])('when a card sends %s, then it is refused with a clear message', async (_case, verb, data, message) => {
    const router = createRouter(features, deps);
    const attempt = router.handleAction(fakeTurn(), verb, data);
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({ code: 'input.invalid', userMessage: expect.stringMatching(message) });
  });

  it('when an example button is clicked, then its text runs like a typed command', async () => {
    const router = createRouter(features, deps);
    await expect(router.handleAction(fakeTurn(), RUN_COMMAND_VERB, { text: 'environments' })).resolves.toBeUndefined();
    expect(ran).toEqual(['environments:environments']);
  });

  it('when the authorize hook refuses, then the handler never runs', async () => {
    const refuse = async () => {
      throw new AppError('auth.forbidden', 'Only admins can do that.');
    };
    const router = createRouter(features, deps, { authorize: refuse });
    await expect(router.handleText(fakeTurn(), 'environments')).rejects.toMatchObject({ code: 'auth.forbidden' });
    await expect(router.handleAction(fakeTurn(), 'test.approve', { id: 'r' })).rejects.toMatchObject({ code: 'auth.forbidden' });
    expect(ran).toEqual([]);
  });

  it('when two features register the same verb, then the router refuses to start', () => {
    expect(() => createRouter([{ commands: [], actions: [approve] }, { commands: [], actions: [approve] }], deps)).toThrow(/registered twice/);
  });
});

describe('sanitise', () => {
  it.each([
    ['emoji with ZWJ and skin tone', '👨‍👩‍👧 👍🏽'],
    ['Arabic with a right-to-left mark', 'لماذا\u200f جين'],
    ['Persian with a zero-width non-joiner', 'می\u200cخواهم'],
    ['Hebrew', 'שלום כהן'],
  ])('keeps %s intact', (_case, text) => {
    expect(sanitise(text)).toBe(text);
  });

  it('leaves nothing encodeURIComponent would throw on', () => {
    expect(() => encodeURIComponent(sanitise('a\ud800b\udc00c\ud83d'))).not.toThrow();
    expect(sanitise('a\ud800b\udc00c\ud83d')).toBe('abc');
  });
});

describe('normalise', () => {
  it.each([
    ['  Why can’t Jane   access UAT?? ', "why can't jane access uat"],
    ['“Sync” Finance!', '"sync" finance'],
    ['HELP.', 'help'],
  ])('normalises %j', (input, expected) => {
    expect(normalise(input)).toBe(expected);
  });
});

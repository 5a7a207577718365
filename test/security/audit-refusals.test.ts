/**
 * A request the bot answers but will not act on is a refusal in the audit trail, never "ok" (issue 15):
 * `sync everyone to UAT` (nothing is called "everyone"), an environment that does not exist, too many names.
 */
import { securityFor } from '../../src/security/guard';
import { asShown } from '../helpers/card-check';
import { cardOf, cardStrings, createTestBot, messagesOf, type TestBot } from '../helpers/bot-harness';

describe('declined requests are recorded as refusals', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await createTestBot();
  });
  afterAll(() => bot.close());

  it.each([
    ['sync everyone to UAT', 'sync everyone to UAT', 'input.not_found'],
    ['an environment that does not exist', 'sync Jane Doe to Narnia', 'input.not_found'],
    ['an environment without Dataverse', 'sync Jane Doe to Marketing Sites', 'input.invalid'],
    ['51 names in one message', `sync ${Array.from({ length: 51 }, (_, i) => `person${i}@contoso.com`).join(', ')} to UAT`, 'input.invalid'],
  ])('%s → refused', async (_label, text, code) => {
    await bot.send(text);
    const [row] = await securityFor(bot.deps).audit.list({ limit: 1 });
    expect(row).toMatchObject({ kind: 'command', what: 'sync', result: 'refused', code });
  });

  it('and the audit card says so, in words', async () => {
    await bot.send('sync everyone to UAT');
    const text = asShown(cardStrings(cardOf(messagesOf(await bot.send('audit'))[0])));
    expect(text).toContain('⛔ **Nadia Rahman** asked “sync everyone to UAT”: refused, nothing matched');
    expect(text).not.toMatch(/✅ \*\*Nadia Rahman\*\* asked “sync everyone/);
  });
});

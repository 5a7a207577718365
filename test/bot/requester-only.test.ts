/**
 * Teams-native touches (issue 15, item 8): in group chats and channels a card whose buttons only the
 * requester may press is read-only for everyone else, and the requester's client refreshes it
 * (Universal Actions `refresh` with `userIds`) into the card with its buttons; a click the bot refuses
 * is answered to the clicker alone.
 */
import type { Activity } from 'botbuilder';
import { syncRuntimeFor } from '../../src/features/sync';
import { cardOf, cardStrings, createTestBot, messagesOf, type TestBot } from '../helpers/bot-harness';
import { expectValidCard } from '../helpers/card-check';
import type { Card } from '../sync/helpers/run-group-sync';
import { contosoWith, demoAdmin, SECOND_ADMIN, withAdmin } from '../sync/helpers/tenant';

type Refresh = { action: { verb: string; data: Record<string, unknown> }; userIds: string[] };
const titles = (card: Card | undefined) => ((card?.actions ?? []) as { title: string }[]).map((a) => a.title);
const cardSent = (activity: Partial<Activity> | undefined) => cardOf(activity) as Card | undefined;

describe('a card only the requester may act on, in a channel', () => {
  let bot: TestBot;
  let nadia: { name: string; aadObjectId: string };
  beforeAll(async () => {
    const fixture = withAdmin(contosoWith(), SECOND_ADMIN.aadObjectId);
    nadia = demoAdmin(fixture);
    bot = await createTestBot({ fixture, from: nadia, conversationType: 'channel', env: { RATE_LIMIT_BURST: '100' } });
  });
  afterAll(async () => {
    await syncRuntimeFor(bot.deps).idle();
    await bot.close();
  });

  async function channelPreview(): Promise<Card> {
    await bot.send('sync Financial Coordinators to UAT');
    await syncRuntimeFor(bot.deps).idle();
    const card = cardSent(bot.updates[bot.updates.length - 1]);
    if (!card) throw new Error('no preview');
    return card;
  }

  it('shows everyone the preview without its sync buttons, and refreshes it for the requester alone', async () => {
    const shared = await channelPreview();
    expectValidCard(shared);
    expect(titles(shared)).toEqual([]);
    expect(cardStrings(shared)).toContain(`Only ${nadia.name} can use this card's buttons`);
    expect(cardStrings(shared)).toMatch(/Ready\n3\nBlocked\n2/); // the facts are for everyone
    const refresh = shared.refresh as Refresh;
    expect(refresh.userIds).toEqual([`29:${nadia.aadObjectId}`]);
    expect(refresh.action.verb).toBe('sync.refresh');

    const mine = await bot.invoke(refresh.action.verb, refresh.action.data);
    expectValidCard(mine.card as Card);
    expect(titles(mine.card)).toEqual(['Sync the 3 ready', 'Sync all anyway', 'Cancel']);
    expect((mine.card?.refresh as Refresh).userIds).toEqual([`29:${nadia.aadObjectId}`]); // stays refreshable
    expect(messagesOf(mine.replies)).toEqual([]);

    const theirs = await bot.invoke(refresh.action.verb, refresh.action.data, { from: SECOND_ADMIN });
    expect(titles(theirs.card)).toEqual([]);
    expect(cardStrings(theirs.card)).toContain(`Only ${nadia.name} can use this card's buttons`);
  });

  it('answers a click it refuses to the clicker alone: nothing is posted in the channel', async () => {
    const shared = await channelPreview();
    const full = (await bot.invoke('sync.refresh', (shared.refresh as Refresh).action.data)).card as Card;
    const syncAll = (full.actions as { title: string; data: Record<string, unknown> }[]).find((a) => a.title === 'Sync all anyway');
    const refused = await bot.invoke('sync.confirm', syncAll?.data ?? {}, { from: SECOND_ADMIN });
    expect(refused.text).toMatch(/Only the person who asked/);
    expect(messagesOf(refused.replies)).toEqual([]);
  });

  it('once the sync has started, a refresh shows the card as it stands to everyone', async () => {
    const shared = await channelPreview();
    const data = (shared.refresh as Refresh).action.data;
    const full = (await bot.invoke('sync.refresh', data)).card as Card;
    const ready = (full.actions as { title: string; data: Record<string, unknown> }[]).find((a) => a.title === 'Sync the 3 ready');
    await bot.invoke('sync.confirm', ready?.data ?? {});
    await syncRuntimeFor(bot.deps).idle();
    const later = await bot.invoke('sync.refresh', data, { from: SECOND_ADMIN });
    expect(cardStrings(later.card)).toMatch(/Sync of Financial Coordinators \(group\) to UAT: ✅ finished/);
  });

  it('a named person whose checks fail: the prediction is for everyone, "Sync anyway" for the requester', async () => {
    const [reply] = messagesOf(await bot.send('sync Jane Doe to UAT'));
    const shared = cardSent(reply);
    expect(cardStrings(shared)).toMatch(/Sync Jane Doe to UAT\?/);
    expect(titles(shared)).toEqual([]);
    const mine = await bot.invoke('sync.refresh', (shared?.refresh as Refresh).action.data);
    expect(titles(mine.card)).toEqual(['Sync anyway', 'Cancel']);
  });
});

describe('the same card in a personal chat', () => {
  it('has its buttons: only the requester is there', async () => {
    const bot = await createTestBot({ conversationType: 'personal', env: { RATE_LIMIT_BURST: '100' } });
    try {
      await bot.send('sync Financial Coordinators to UAT');
      await syncRuntimeFor(bot.deps).idle();
      const card = cardSent(bot.updates[bot.updates.length - 1]);
      expect(titles(card)).toEqual(['Sync the 3 ready', 'Sync all anyway', 'Cancel']);
      expect(cardStrings(card)).not.toMatch(/Only .* can use this card's buttons/);
    } finally {
      await bot.close();
    }
  });
});

import { memoryStore } from '../helpers/stores';
import type { Notifier } from '../../src/app/deps';
import type { AdaptiveCard, MessageRef } from '../../src/app/turn';
import { syncAndRecheck } from '../../src/features/diagnose/sync-user';
import type { PowerPlatformGateway } from '../../src/gateways/types';
import { cardStrings, createTestBot, type TestBot } from '../helpers/bot-harness';

/** "Sync now" finishing in the background: the clicked card is updated in place with the re-check. */
let bot: TestBot;
beforeAll(async () => {
  bot = await createTestBot({ env: { SYNC_CONFIRM_VISIBILITY_SECONDS: '5' }, simConfig: { provisioningDelayMs: 200 } });
});
afterAll(async () => bot.close());

function recordingNotifier() {
  const updates: { ref: MessageRef; card: AdaptiveCard }[] = [];
  const sent: string[] = [];
  const notifier: Notifier = {
    sendCard: async () => ({ conversationKey: 'c', activityId: 'new' }),
    sendText: async (_key, text) => void sent.push(text),
    updateCard: async (ref, card) => void updates.push({ ref, card }),
  };
  return { notifier, updates, sent };
}

async function syncNow(upn: string, envName: string, addUser?: PowerPlatformGateway['addUser']) {
  const rec = recordingNotifier();
  const powerPlatform = addUser ? { ...bot.deps.powerPlatform, addUser } : bot.deps.powerPlatform;
  // A scripted addUser is another app: its own store, so its own sync runtime (and limiter) uses that gateway.
  const deps = { ...bot.deps, notifier: rec.notifier, powerPlatform, ...(addUser ? { db: (await memoryStore()).db } : {}) };
  const user = await deps.graph.getUser(upn);
  const env = (await deps.powerPlatform.listEnvironments()).find((e) => e.displayName === envName);
  if (!user || !env) throw new Error('fixture changed');
  const ref = { conversationKey: 'a:test-conversation', activityId: 'clicked-card' };
  await syncAndRecheck(deps, user, env, { ref, conversationKey: ref.conversationKey });
  return { ...rec, ref };
}

describe('Sync now', () => {
  it('when the user is entitled, then after provisioning the clicked card says can access', async () => {
    const { updates, ref } = await syncNow('avery.brooks@contoso.com', 'UAT');
    expect(updates).toHaveLength(1);
    expect(updates[0]?.ref).toEqual(ref);
    const text = cardStrings(updates[0]?.card.content);
    expect(text).toContain('Synced: Avery Brooks is now in UAT.');
    expect(text).toContain('Can access');
    expect(text).toContain('Finance Coordinator (group team Financial Coordinator Team)');
  });

  it('when Power Platform refuses (no licence, seed 000), then the card explains why in plain words', async () => {
    const { updates } = await syncNow('lucas.martin@contoso.com', 'UAT');
    const text = cardStrings(updates[0]?.card.content);
    expect(text).toContain('Power Platform refused the sync: No licence with Dataverse (userNotLicensed: "User 89bd5d8e-5389-48a6-8fdf-d1813b0d3de6 does not have a valid license');
    expect(text).toContain('Blocked');
  });

  it("when someone else's Developer environment refuses, then the card names that rule and the check agrees", async () => {
    const { updates } = await syncNow('jane.doe@contoso.com', 'Alex Kim (dev)');
    const text = cardStrings(updates[0]?.card.content);
    expect(text).toContain('Power Platform refused the sync: A Developer environment takes only its creator (userNotEnvironmentCreator');
    expect(text).toContain('only its creator, Alex Kim');
  });

  it('when Power Platform answers with a code nobody has explained, then the card shows the code and its words, without sending me to a diagnosis', async () => {
    const { updates } = await syncNow('avery.brooks@contoso.com', 'UAT Finance', async () => ({
      ok: false, kind: 'rejected', status: 400, code: 'tenantCapacityExceeded', description: 'The tenant has no storage capacity left',
    }));
    const text = cardStrings(updates[0]?.card.content);
    expect(text).toContain('Power Platform refused the sync (tenantCapacityExceeded: "The tenant has no storage capacity left"). The checks below show what I can see.');
    expect(text).not.toMatch(/refused the sync: Power Platform refused the sync|Run a diagnosis/);
  });
});

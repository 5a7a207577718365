import type { TenantFixture } from '../../src/sim/model';
import type { FakeConnector, SentActivity } from './fake-connector';

/** Talking to one running bot over HTTP as a Teams admin would, with the fake connector as the conversation's serviceUrl. */
export interface BotChat {
  /** Posts a typed message; resolves when the bot's HTTP answer arrives (its replies may come earlier). */
  send(text: string): Promise<{ activityId: string; postedAt: number }>;
  /** Posts an Action.Execute click; resolves with the invoke response body. */
  invoke(verb: string, data: Record<string, unknown>): Promise<{ statusCode?: number; type?: string; value?: unknown }>;
  /** The first activity the bot sent in reply to `activityId` that satisfies `match`. */
  replyTo(activityId: string, match: (sent: SentActivity) => boolean, timeoutMs: number): Promise<SentActivity>;
}

const CONVERSATION_ID = 'a:bench-conversation';
const BOT_ACCOUNT = { id: '28:dataverse-access-bot', name: 'Dataverse Access Bot' };

/**
 * A chat with the bot at `url` (POST /api/messages). The caller is the first member of the tenant's
 * bot admins group; its role is looked up once first (`history`), so measured requests are the
 * feature's own. `idPrefix` keeps activity ids apart when several bots (instances) share one connector.
 */
export async function botChat(url: string, connector: FakeConnector, fixture: TenantFixture, idPrefix = 'bench-in'): Promise<BotChat> {
  const tenantId = fixture.tenant.id;
  const caller = adminOf(fixture);
  let counter = 0;

  const post = async (activity: Record<string, unknown>): Promise<{ id: string; postedAt: number; response: Response }> => {
    counter += 1;
    const id = `${idPrefix}-${counter}`;
    const postedAt = performance.now();
    const response = await fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        id,
        channelId: 'msteams',
        serviceUrl: `${connector.url}/`,
        timestamp: new Date().toISOString(),
        from: { id: `29:${caller.aadObjectId}`, name: caller.name, aadObjectId: caller.aadObjectId },
        recipient: BOT_ACCOUNT,
        conversation: { id: CONVERSATION_ID, conversationType: 'personal', tenantId },
        channelData: { tenant: { id: tenantId } },
        ...activity,
      }),
    });
    return { id, postedAt, response };
  };

  const chat: BotChat = {
    async send(text) {
      const { id, postedAt, response } = await post({ type: 'message', text });
      if (!response.ok) throw new Error(`POST /api/messages "${text}" → ${response.status}: ${await response.text()}`);
      return { activityId: id, postedAt };
    },
    async invoke(verb, data) {
      const { response } = await post({ type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data: { ...data, verb } }, trigger: 'manual' } });
      if (!response.ok) throw new Error(`invoke ${verb} → ${response.status}: ${await response.text()}`);
      return (await response.json()) as { statusCode?: number; type?: string; value?: unknown };
    },
    replyTo: (activityId, match, timeoutMs) =>
      connector.waitFor((s) => s.replyToId === activityId && match(s), timeoutMs, `the bot's reply to ${activityId}`),
  };
  const { activityId } = await chat.send('history');
  await chat.replyTo(activityId, (s) => s.activity.type === 'message', 30_000);
  return chat;
}

function adminOf(fixture: TenantFixture): { name: string; aadObjectId: string } {
  const admins = fixture.groups.find((g) => g.displayName === 'Dataverse Access Bot Admins');
  const admin = fixture.users.find((u) => admins?.members.includes(u.id));
  if (!admin) throw new Error('the fixture has no member in "Dataverse Access Bot Admins"');
  return { name: admin.displayName, aadObjectId: admin.id };
}

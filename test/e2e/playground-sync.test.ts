/**
 * Issue 5, "card updates and proactive notifications asserted … once through the Agents Playground":
 * the real server on the simulated Contoso tenant behind the Microsoft 365 Agents Playground. The
 * admin (Nadia, the Playground's current user) syncs Avery Brooks (syncs fine) and Lucas Martin
 * (Business Basic only → BAP addUser `userNotLicensed`) into UAT. The checks see Lucas's missing
 * licence, so the first card leads with "Sync the 1 ready" (issue 15); the admin presses "Sync all
 * anyway" in the Playground. Everything asserted is what the Playground's connector received: the
 * card, the PUT that turns that same message into the result card, and no second message about the
 * same failure in that conversation.
 */
import { activityLog, cardTexts, type ActivityLogEntry, connectorMessages, startPlaygroundSession, waitFor, type ConnectorMessage, type PlaygroundSession } from './playground-helpers';

const COMMAND = 'sync avery.brooks@contoso.com, lucas.martin@contoso.com to UAT';
const TARGET = 'Avery Brooks and Lucas Martin';
const PREVIEW_TITLE = `Sync ${TARGET} to UAT?`;
const QUEUED_TITLE = `Syncing ${TARGET} to UAT`;
const RESULT_TITLE = `Sync of ${TARGET} to UAT: ⚠️ finished with 1 failure`;
const LICENCE_SECTION = '❌ No licence with Dataverse (1)';

describe('end to end through the Agents Playground: a sync with a failure', () => {
  let session: PlaygroundSession;

  beforeAll(async () => {
    session = await startPlaygroundSession({
      // Small but non-zero latencies; progress at most every second; a bounded visibility wait.
      env: { SYNC_PROGRESS_INTERVAL_SECONDS: '1', SYNC_CONFIRM_VISIBILITY_SECONDS: '5', SYNC_LICENCE_WAIT_SECONDS: '0', SYNC_MAX_RETRIES: '2' },
      simulator: { graph: { latencyMs: 5 }, bap: { latencyMs: 50 }, dataverse: { latencyMs: 5 } },
    });
  }, 60_000);

  afterAll(async () => {
    await session?.stop();
  });

  it('when the admin syncs one ready and one unlicensed person into UAT, then the queued card is updated in place into the result card, and no second message follows in the same chat', async () => {
    const { logFile } = session;
    const seen = () => connectorMessages(logFile).map((m) => ({ action: m.action, id: m.message.messageId, text: m.message.text, card: cardTexts(m) }));
    await session.say(COMMAND);

    // What Nadia typed, as the Playground delivered it to the bot (its activity id is what an in-turn reply answers).
    const typed = await waitFor(() => activityLog(logFile).find((e) => e.from === 'Microsoft 365 Agents Playground' && e.displayText === COMMAND), 10_000, 'the typed command');
    const typedActivityId = typed.request?.body?.id;
    expect(typedActivityId).toEqual(expect.any(String));

    // (1) The queued card, posted as the reply in Nadia's turn.
    const asked = await waitFor(
      () => connectorMessages(logFile, 'createMessage').find((m) => cardTexts(m)[0] === PREVIEW_TITLE),
      10_000, 'the card with the checks', seen,
    );
    expect(cardTexts(asked)).toEqual(expect.arrayContaining(['⛔ No licence with Dataverse (1)', 'Lucas Martin']));
    const cardMessageId = asked.message.messageId;
    expect(cardMessageId).toEqual(expect.any(String));
    expect((await posted(cardMessageId)).request?.body?.replyToId).toBe(typedActivityId);

    const actions = (asked.message.attachments?.[0]?.content as { actions?: { title: string; verb: string; data: Record<string, unknown> }[] } | undefined)?.actions ?? [];
    expect(actions.map((a) => a.title)).toEqual(['Sync the 1 ready', 'Sync all anyway', 'Cancel']);
    const anyway = actions.find((a) => a.title === 'Sync all anyway');
    const clicked = await session.click(cardMessageId ?? '', anyway?.verb ?? '', anyway?.data ?? {});
    const queuedTexts = JSON.stringify(clicked.value);
    expect(queuedTexts).toContain(QUEUED_TITLE);
    expect(queuedTexts).toMatch(/Queued: starting in a moment\.|Running: this card updates as members are added\./);
    const jobId = /Job (\S+) · started by Nadia Rahman/.exec(queuedTexts)?.[1];
    expect(jobId).toEqual(expect.any(String));

    const updatesOfCard = () => connectorMessages(logFile, 'updateMessage').filter((m) => m.message.messageId === cardMessageId);
    const result = await waitFor(() => updatesOfCard().find((m) => cardTexts(m)[0] === RESULT_TITLE), 10_000, `the queued card ${cardMessageId} updated into the result card`, seen);
    const resultTexts = cardTexts(result);
    expect(resultTexts).toEqual(expect.arrayContaining(['Members: 2', 'Synced: 1', 'Failed: 1', LICENCE_SECTION, `Job ${jobId} · started by Nadia Rahman`]));
    expect(resultTexts[resultTexts.indexOf(LICENCE_SECTION) + 1]).toBe('Lucas Martin');
    expect(resultTexts.join('\n')).toMatch(/licence/i);
    expect(resultTexts).not.toContain('Queued: starting in a moment.');
    expect(Number(result.message.timestamp)).toBeGreaterThan(Number(asked.message.timestamp));
    // The bot's PUTs carried the queued message's id and the Playground accepted them.
    const puts = await waitFor(() => {
      const found = activityLog(logFile).filter((e) => e.from === 'User Application' && e.request?.body?.id === cardMessageId);
      return found.length >= updatesOfCard().length ? found : undefined;
    }, 5_000, 'the logged PUT exchanges');
    expect(puts.map((e) => e.response?.statusCode)).toEqual(puts.map(() => 200));
    // No progress update came after the result and reverted the card.
    const updates = updatesOfCard();
    expect(cardTexts(updates[updates.length - 1] as ConnectorMessage)[0]).toBe(RESULT_TITLE);

    // (3) One message per event: the updated card is how Nadia learns of the failure; no second message
    // follows in her chat. A later command's reply proves the job's reporting had its chance to post.
    await session.say('history');
    await waitFor(() => connectorMessages(logFile, 'createMessage').find((m) => cardTexts(m)[0] === 'Recent sync jobs'), 10_000, 'the history card', seen);
    expect(connectorMessages(logFile, 'createMessage').filter((m) => m.message.text?.includes('needs attention') || (m.message.messageId !== cardMessageId && cardTexts(m)[0] === RESULT_TITLE))).toEqual([]);

    /** The logged exchange that created message `messageId` (a POST: its body carries no id yet). */
    function posted(messageId: string | undefined): Promise<ActivityLogEntry> {
      const find = () => activityLog(logFile).find((e) => e.from === 'User Application' && e.messageId === messageId && e.request?.body?.id === undefined);
      return waitFor(find, 5_000, `the logged POST of message ${messageId}`);
    }
  }, 45_000);
});

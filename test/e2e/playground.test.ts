import { connectorMessages, startPlaygroundSession, waitFor, type PlaygroundSession } from './playground-helpers';

describe('end to end: real server + Microsoft 365 Agents Playground', () => {
  let session: PlaygroundSession;

  beforeAll(async () => {
    session = await startPlaygroundSession();
  }, 60_000);

  afterAll(async () => {
    await session?.stop();
  });

  it('when a user types "environments" in the Playground, then the bot\'s card comes back through the Playground connector', async () => {
    await session.say('environments');
    const reply = await waitFor(
      () => connectorMessages(session.logFile, 'createMessage').find((m) => JSON.stringify(m.message.attachments ?? []).includes('Power Platform environments')),
      20_000,
    );
    const card = JSON.stringify(reply.message.attachments);
    expect(card).toContain('UAT Access');
    expect(card).toContain('Demo tenant: Contoso (simulated)');
  }, 30_000);
});

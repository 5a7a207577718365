import { stripMentions } from '../../src/bot/mention';

const BOT = '28:bot-id';

describe('stripMentions', () => {
  it('when a channel message starts with the bot mention, then the mention is removed', () => {
    const entities = [{ type: 'mention', text: '<at>Dataverse Access Bot</at>', mentioned: { id: BOT, name: 'Dataverse Access Bot' } }];
    expect(stripMentions('<at>Dataverse Access Bot</at> environments', entities, BOT)).toBe('environments');
  });

  it('when another person is mentioned, then their name stays in the command', () => {
    const entities = [
      { type: 'mention', text: '<at>Access Bot</at>', mentioned: { id: BOT } },
      { type: 'mention', text: '<at>Jane Doe</at>', mentioned: { id: '29:jane' } },
    ];
    expect(stripMentions("<at>Access Bot</at>  why can't <at>Jane Doe</at> access UAT", entities, BOT)).toBe("why can't Jane Doe access UAT");
  });

  it('when a leading mention has no entity, then it is still removed', () => {
    expect(stripMentions('<at>Bot</at>\nhelp', undefined, BOT)).toBe('help');
  });

  it('when there is no mention, then the text only loses extra spaces', () => {
    expect(stripMentions('  sync   Financial Coordinators to UAT ', [], BOT)).toBe('sync Financial Coordinators to UAT');
  });
});

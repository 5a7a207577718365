/** A Teams mention entity, as much of it as we need. */
export interface MentionEntity {
  type?: string;
  text?: string;
  mentioned?: { id?: string; name?: string };
}

/**
 * Removes the bot's own @mention (channels and group chats prefix every message with it) and turns
 * other people's mentions back into their plain names: "<at>Bot</at> why can't <at>Jane</at> access UAT"
 * → "why can't Jane access UAT".
 */
export function stripMentions(text: string, entities: readonly MentionEntity[] | undefined, botId: string | undefined): string {
  let result = text;
  for (const entity of entities ?? []) {
    if (entity.type !== 'mention' || !entity.text) continue;
    const isBot = botId !== undefined && entity.mentioned?.id === botId;
    result = result.split(entity.text).join(isBot ? ' ' : ` ${plainName(entity.text)} `);
  }
  // Mentions without a matching entity (some clients, the Playground): keep the name unless it is the first word,
  // where only the bot is ever mentioned in a command.
  result = result.replace(/^\s*<at>[^<]*<\/at>/i, ' ').replace(/<at>([^<]*)<\/at>/gi, ' $1 ');
  return result.replace(/\s+/g, ' ').trim();
}

function plainName(mentionText: string): string {
  return mentionText.replace(/<\/?at>/gi, '').trim();
}

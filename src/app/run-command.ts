/** Built-in verb behind example buttons (welcome, help, suggestions, declines): runs `data.text` as if it had been typed. */
export const RUN_COMMAND_VERB = 'command.run';

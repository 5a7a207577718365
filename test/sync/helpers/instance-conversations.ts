/** The conversations of the several-instances crash test: who asked for the sync, and one that asked to hear about failures. */
export const REQUESTER_CONVERSATION = 'requester-conversation';
export const NOTIFY_CONVERSATION = 'notify-here-conversation';

// A case's whole story in one list (the engine's events, the debtor's arrangements, the messages sent and the replies), and a customer's whole conversation.
export { caseStory, mergeByTime, type StoryEntry } from './case-story.ts';
export { customerConversation, CONVERSATION_LIMIT_DEFAULT, CONVERSATION_LIMIT_MAX, type ConversationFile, type ConversationLineShown,
  type CustomerConversation } from './customer-conversation.ts';

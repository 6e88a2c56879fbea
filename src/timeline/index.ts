// A case's whole story in one list: the engine's events, the debtor's arrangements, the messages sent and the replies.
export { caseStory, mergeByTime, type StoryEntry } from './case-story.ts';

// The agent's public surface: understanding a debtor's reply, deciding what to do and answer, handing over, review.
export {
  INTENTS, AGENT_LANGUAGES, type Intent, type AgentLanguage, type Understanding, type UnderstandOptions, type Entities,
  type DateEntity, type AmountEntity, type InstalmentEntity, type InstalmentFrequency, type ScoredIntent, type LanguageGuess, type Tense,
} from './types.ts';
export { understand } from './understand.ts';
export { defaultModels, trainModels, calibrateTemperature, CALIBRATED_TEMPERATURE, type AgentModels } from './model/train.ts';
export { corpusExamples, type CorpusExample } from './corpus/index.ts';
export { normalise } from './normalise.ts';
export { readEntities, extractDates, extractAmounts, extractInstalments, tenseOf, debtorToday } from './entities/index.ts';
export { understandingJson, describeUnderstanding, type UnderstandingJson } from './wire.ts';
// Deciding, replying and review: the dialogue policy, the turns run on inbound replies, handovers, corrections, the LLM.
export { decideTurn, openQuestion, CLARIFY_BELOW, MODEL_OPT_OUT_AT } from './policy.ts';
export type { Awaiting, Decision, Effect, HandoverReason, OwedNow, PastTurn, PlanTerms, ReplyPlan, TurnInput } from './policy-types.ts';
export { HANDOVER_REASONS } from './policy-types.ts';
export { signalsIn, answerOf, bareAmount, daysAsked, disputeGround, meansAll, type Signal } from './signals.ts';
export { writeReply, replyLocale, disclosureOf, REPLY_KEYS, type ReplyKey, type Writing } from './replies/index.ts';
export { getAgentSettings, setAgentSettings, agentSettingsJson, AgentSettingsPatch, DEFAULT_AGENT_SETTINGS, DEFAULT_CLAIM_HOLD_DAYS, type AgentSettings } from './settings.ts';
export { queueAgentTurn, runAgentTurns, TURN_MAX_ATTEMPTS, type AgentRoundReport } from './turns.ts';
export type { AgentRuntime } from './turn.ts';
export { answerOnCall, misheard, HEARD_AT, type CallRuntime, type CallNext, type Spoken } from './call-answer.ts';
export { AGENT_TEMPLATE, agentReplies, queueAgentReply, queueDoneMessage, type DoneMessage, type AgentReply, type AgentReplySpec, type QueuedReply } from './outbox.ts';
export { renderAgentReply, APPROVED_AGENT_TEMPLATE } from './render.ts';
export { listHandovers, handoverSummary, type HandoverRow, type HandoverFacts } from './handover.ts';
export { listDecisions, agentTimeline, type DecisionRow, type AgentEntry } from './decisions.ts';
export { correctIntent, listCorrections, correctionsJsonl, type Correction } from './corrections.ts';
export { askLlm, understandWithLlm, LlmReading, type LlmConfig, type LlmOutcome } from './llm.ts';
export { phraseWithLlm, phrasingProblem, type Phrased, type PhraseContext } from './phrase.ts';
export { openClaim, settleClaims, resolveClaim, listClaims, holdEnd, type ClaimRow, type ClaimStatus, type NewClaim } from './claims.ts';
export { handoverDetail, takeHandover, replyToHandover, handBack, type HandoverDetail } from './handover-work.ts';
export { conversationOf, conversationPage, type ConversationLine, type ConversationEntry, type ConversationPage } from './conversation.ts';
export { postChatMessage, chatConversation, chatFlags, CHAT_MAX_LENGTH, CHAT_LINES_SHOWN, type ChatParty, type ChatLine, type ChatView, type ChatFlags, type ChatPosted } from './chat.ts';
export { chatCursorAt, chatCursorText, chatLineAt, chatLinesSince, latestChatLines, parseChatCursor, shownLine, type ChatCursor, type OrderedLine } from './chat-lines.ts';
export { chatStopChannels } from './chat-stop.ts';
export { putTask, type NewTask } from './tasks.ts';
export { chatText } from './chat-answer.ts';
export { CHAT_CHANNEL } from './chat-words.ts';

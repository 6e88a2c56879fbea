// English text of the worklist's expected value of acting (spread into en.ts; es and pt have the same keys).
export const priorityEn = {
  'value.line': 'Worth {value} to act ({action}): {balance} × {points} points more recovery ({without} without, {with} with, {source}) = {gain}, less {minutes} min at {minute} = {cost}.',
  'value.lineNoCost': 'Worth {value} to act ({action}): {balance} × {points} points more recovery ({without} without, {with} with, {source}) = {gain}, less {minutes} min at no known cost in {currency}.',
  'value.source.score': 'from the risk score', 'value.source.days_past_due': 'by days past due',
  'value.action.call': 'a call', 'value.action.callback': 'the callback', 'value.action.promise_follow_up': 'promise follow-up',
  'value.action.negotiate': 'negotiation', 'value.action.review': 'a review', 'value.action.dispute_review': 'dispute review', 'value.action.handover': 'hand-over',
  'work.value': 'Value',
};

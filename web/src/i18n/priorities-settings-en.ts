// Text of the worklist's priorities (Settings · Priorities): each action's lift and minutes, a minute's cost, the learned lifts.
export const prioritiesSettingsEn = {
  'set.nav.priorities': 'Priorities',
  'pri.title': 'What orders the worklist',
  'pri.intro': 'Each action\'s lift is the share of what would not come in without acting that the action brings in (0 to 1); its minutes and a collector\'s minute cost are taken off what acting is worth. Beside each lift, what the org\'s own history shows: observational, not randomised (people chose whom to act on).',
  'pri.action': 'Action', 'pri.lift': 'Lift', 'pri.learned': 'Learned from your history', 'pri.minutes': 'Minutes',
  'pri.liftOf': 'Lift: {action}', 'pri.minutesOf': 'Minutes: {action}', 'pri.costOf': 'Cost of a minute in {currency}',
  'pri.costs': 'A collector\'s minute', 'pri.currency': 'Currency', 'pri.cost': 'Cost of a minute',
  'pri.learnedLift': '{lift} (95%: {low} to {high}), {n} actions',
  'pri.notEnough': 'not enough data ({n} actions)', 'pri.noBaseline': 'no comparable days without action',
  'pri.save': 'Save priorities', 'pri.apply': 'Apply learned lifts',
  'pri.applied': 'Lifts set from your history: {list}.', 'pri.appliedNone': 'No action had enough data; nothing changed.',
  'pri.action.call': 'Call', 'pri.action.callback': 'Callback', 'pri.action.promise_follow_up': 'Promise follow-up', 'pri.action.negotiate': 'Negotiation',
  'pri.action.review': 'Review', 'pri.action.dispute_review': 'Dispute review', 'pri.action.handover': 'Hand-over',
};

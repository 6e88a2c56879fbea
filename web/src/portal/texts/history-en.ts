// The words for cancelling a promise or plan and for the account's history, in English (merged into the portal's
// English words; Spanish and Portuguese have the same keys).
export const historyEn = {
  'cancel.title': 'Cancel my promise or plan',
  'cancel.promise': 'Cancel my promise', 'cancel.plan': 'Cancel my payment plan',
  'cancel.confirmPromise': 'Cancel your promise to pay {amount} by {date}? Reminders from {org} will start again.',
  'cancel.confirmPlan': 'Cancel your payment plan? The {paid} you have paid stays paid; the other {left} is due again and reminders from {org} will start again.',
  'cancel.yes': 'Yes, cancel it', 'cancel.no': 'No, keep it',
  'cancel.promiseDone': 'Your promise is cancelled.', 'cancel.planDone': 'Your payment plan is cancelled. What you paid stays paid.',
  'cancel.planLocked': 'To cancel your payment plan, please contact {org}.',
  'cancel.ended': 'This has already ended, so it cannot be cancelled. Reload the page to see where things stand.',
  'history.title': 'Your history', 'history.loading': 'Loading your history…', 'history.empty': 'Nothing here yet.',
  'history.promises': 'Promises', 'history.plans': 'Payment plans', 'history.disputes': 'Disputes',
  'history.promise': '{amount} by {date}, promised on {made}', 'history.extension': 'More time: {amount} by {date}, asked on {made}',
  'history.promise.kept': 'Kept. Thank you!', 'history.promise.partly_kept': 'Partly kept: {paid} paid.', 'history.promise.broken': 'Not kept.',
  'history.promise.replaced': 'Replaced by a newer promise.', 'history.promise.cancelled': 'Cancelled on {date}.', 'history.promise.cancelledByYou': 'You cancelled it on {date}.',
  'history.plan': '{total} in {count} {frequency} payments, agreed on {date}',
  'history.plan.completed': 'Completed on {date}. Thank you!', 'history.plan.broken': 'Ended on {date} because a payment was missed; {paid} was paid.',
  'history.plan.cancelled': 'Cancelled on {date}; {paid} was paid.', 'history.plan.cancelledByYou': 'You cancelled it on {date}; {paid} was paid.',
  'history.dispute': '{reason}: {amount}, sent on {date}',
  'history.dispute.open': 'Under review.', 'history.dispute.valid': 'Resolved on {date}: you were right, and the invoice was corrected.',
  'history.dispute.invalid': 'Resolved on {date}: the invoice stands and is due again.',
  'history.file': 'File you sent: {name} ({size})',
};

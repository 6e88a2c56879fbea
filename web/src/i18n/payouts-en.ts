// English text of the gateway payouts on the reconciliation screen (spread into en.ts; es and pt have the same keys).
export const payoutsEn = {
  'payouts.title': 'Gateway payouts', 'payouts.payout': 'Payout', 'payouts.amount': 'Amount', 'payouts.arrival': 'Arrival', 'payouts.status': 'Status',
  'payouts.status.paid': 'Paid', 'payouts.status.failed': 'Failed', 'payouts.status.canceled': 'Canceled',
  'payouts.check': 'Check', 'payouts.showCheck': 'Show check', 'payouts.closeCheck': 'Hide check', 'payouts.openCheck': 'Check of {id}',
  'payouts.checkOf': 'Check of {id}', 'payouts.gross': 'Gross', 'payouts.fees': 'Fees', 'payouts.net': 'Net', 'payouts.difference': 'Unaccounted for',
  'payouts.transactions': 'Transactions', 'payouts.fetchFailed': 'The last read failed: {error}', 'payouts.issues': 'Issues',
  'payouts.result.balanced': 'Balanced', 'payouts.result.review': 'For review', 'payouts.result.not_fetched': 'Not read yet',
  'payouts.result.pending_reconciliation': 'Gateway still reconciling', 'payouts.result.settled': 'Settled by hand',
  'payouts.settledBy': 'Settled by hand by {by} on {at}:', 'payouts.settleNeedsManager': 'Settling a payout by hand needs the manager or admin role.',
  'payouts.settleNote': 'Note: why it is settled', 'payouts.settleHint': 'What you checked, against what (e.g. the Stripe balance). Kept and audited.',
  'payouts.settle': 'Settle by hand',
};

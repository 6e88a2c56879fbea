// English words for a gateway dispute's timeline entries (opened, become a chargeback, closed).
export const disputeEn = {
  'tl.kind.payment_dispute_opened': 'Gateway dispute', 'tl.kind.payment_dispute_escalated': 'Dispute became a chargeback',
  'tl.kind.payment_dispute_closed': 'Gateway dispute closed',
  'tl.d.chargeback': 'Chargeback at {gateway}, dispute {id}: {amount} held on {payments}.',
  'tl.d.notTaken': 'Chargeback at {gateway}, dispute {id}: {amount} in dispute on {payments}, not taken yet.',
  'tl.d.inquiry': 'Inquiry at {gateway}, dispute {id}: {amount} questioned on {payments}, no money held.',
  'tl.d.fraud': 'Fraud notice at {gateway}, {id}: the card\'s issuer reported {payments} as fraud; no money taken.',
  'tl.d.reason': 'Reason: {reason}.', 'tl.d.due': 'Answer at {gateway} by {date}.', 'tl.d.noDeadline': '{gateway} states no deadline.',
  'tl.d.won': 'Dispute {id} at {gateway} won: the money held on payment {payment} is recorded again.',
  'tl.d.closed': 'Dispute {id} at {gateway} closed: no money was taken on payment {payment}.',
  'tl.d.lost': 'Dispute {id} at {gateway} lost: {amount} on payment {payment} stays reversed.',
  'tl.d.issuerSilent': 'Dispute {id} at {gateway} settled in the merchant\'s favour: the card\'s issuer did not respond in time; nothing was debited from payment {payment}.',
  'tl.d.issuerSilentHeld': 'Dispute {id} at {gateway} settled in the merchant\'s favour: the card\'s issuer did not respond in time; the money held on payment {payment} is recorded again.',
  'tl.d.taskDone': 'Review task done.',
};

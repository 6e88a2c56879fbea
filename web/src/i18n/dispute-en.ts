// English words for a gateway dispute's timeline entries (opened, become a chargeback, closed), and for the task that asks
// the merchant to act in PayPal on a payment PayPal holds for it.
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
  // a PayPal capture pending on the merchant's action (payment_accept_requested)
  'tl.kind.payment_accept_requested': 'Payment to accept in PayPal',
  'tl.a.opened': 'PayPal holds {amount} (capture {capture}) until the merchant acts there: {todo}; review task opened, due today. Reminders held at most until {date}.',
  'tl.a.accept': 'accept the payment in PayPal (its receiving preferences, such as a currency the account does not hold, ask for it by hand)',
  'tl.a.withdrawal': 'accept or deny the international payment in PayPal',
  'tl.a.unilateral': 'set up PayPal to receive it (confirm the email address it was sent to), then accept the payment',
  'tl.a.verify': 'verify the PayPal account, which releases the payment',
  'tl.a.account': 'set up or verify the PayPal account, then accept the payment',
};

// English words for the evidence answering a Stripe or Adyen dispute (web/src/disputes).
export const evidenceEn = {
  'ev.title': 'Evidence for dispute {id} at {gateway}', 'ev.dispute': 'The dispute', 'ev.payment': 'payment {ref}', 'ev.reason': 'reason: {reason}',
  'ev.dueBy': 'Due at the gateway by {date}', 'ev.noDeadline': 'The gateway states no deadline.', 'ev.reminder': 'reminder task due {date}',
  'ev.auto': 'What cobro fills in from its records', 'ev.customer': 'Customer', 'ev.invoices': 'Invoices paid',
  'ev.history': 'Communication history: {sent} sent, {received} replies (attached as a PDF)', 'ev.arrangements': 'Promises and plans agreed: {n}',
  'ev.serviceDate': 'Service date: {date}', 'ev.openCase': 'Open the case', 'ev.draft': 'Draft',
  'ev.status.draft': 'Draft', 'ev.status.submitting': 'Being submitted', 'ev.status.submitted': 'Submitted',
  'ev.submittedAt': 'Submitted to {gateway} on {date} by {who}; a dispute is answered once.', 'ev.lastError': 'Last attempt refused: {error}',
  'ev.defenseReason': 'Defence reason', 'ev.chooseReason': 'Choose one Adyen offers',
  'ev.req.Required': 'required', 'ev.req.OneOrMore': 'one or more', 'ev.req.Optional': 'optional', 'ev.req.AlternativeRequired': 'generic alternative',
  'ev.field.explanation': 'Your explanation', 'ev.field.product_description': 'What was sold or provided', 'ev.field.service_date': 'Service date',
  'ev.field.shipping_date': 'Shipping date', 'ev.field.shipping_tracking_number': 'Tracking number', 'ev.field.refund_refusal_explanation': 'Why no refund was given',
  'ev.documents': 'cobro\'s documents', 'ev.doc.statement': 'Statement of account', 'ev.doc.history': 'Communication history', 'ev.doc.summary': 'Account of the debt',
  'ev.leftOut': '(left out)', 'ev.save': 'Save draft', 'ev.submit': 'Submit to {gateway}…', 'ev.confirmSubmit': 'Submit to {gateway} now: this cannot be undone',
  'ev.managersSubmit': 'Managers and admins submit the evidence.', 'ev.files': 'Your files', 'ev.remove': 'Remove', 'ev.unsaved': 'not saved yet',
  'ev.noFiles': 'No files.', 'ev.slot': 'Slot', 'ev.chooseSlot': 'Choose a slot', 'ev.addFile': 'Add a PDF, PNG or JPEG', 'ev.answer': 'Answer with evidence',
};

// The agent's replies in English: short, plain, polite; no word a WhatsApp utility message may not carry ("offer", "deal").
import type { PlanWords, ReplyTexts } from './types.ts';

const down = (p: PlanWords) => (p.down ? ` after a down payment of ${p.down} today` : '');
const plan = (p: PlanWords) => `${p.count} ${p.frequency} payments of ${p.instalment}${down(p)}, from ${p.first} to ${p.last}`;
const list = (ps: PlanWords[]) => ps.map((p) => `${p.count} ${p.frequency} payments of ${p.instalment}${down(p)}`).join('; ');

export const EN: ReplyTexts = {
  intro: (w) => `Hi, this is the automated assistant of ${w.company}.`,
  signoff: '(automated assistant)',
  frequency: { weekly: 'weekly', biweekly: 'fortnightly', monthly: 'monthly' },
  option: (p) => plan(p),
  texts: {
    link: (w) => `You can pay ${w.total} here: {{payment_link}}`,
    balance: (w) => `You owe ${w.total} on ${w.count} invoice${w.count === 1 ? '' : 's'}, the oldest due on ${w.oldest}. You can pay here: {{payment_link}}`,
    balance_not_due: (w) => `You have ${w.total} open on ${w.count} invoice${w.count === 1 ? '' : 's'}, none of it overdue; the next is due on ${w.date}. You can pay here: {{payment_link}}`,
    nothing_owed: () => 'Your account has nothing left to pay. Thank you!',
    paid_thanks: () => 'Thank you! Your payment is in: your account has nothing left to pay.',
    promise_confirmed: (w) => `Done: I have recorded your promise to pay ${w.amount} by ${w.date}. We will not send reminders before then. You can pay here: {{portal_link}}`,
    promise_ask_date: (w) => `Which day will you pay? I can record a date up to ${w.latest}.`,
    promise_ask_amount: (w) => `How much will you pay on ${w.date}? You owe ${w.total}: reply with the amount, or ALL.`,
    promise_date_too_far: (w) => `I can only record a promise up to ${w.latest}. Which day until then can you pay?`,
    promise_amount_too_small: (w) => `The smallest payment I can record as a promise is ${w.min} (you owe ${w.total}). To pay in parts, ask me for instalments.`,
    declined: () => 'Understood. Tell me what works for you: a day to pay, instalments, or talking to a person.',
    plan_options: (w) => `You can pay in instalments: ${list(w.options)}. Reply with the number of payments you want.`,
    plan_offer: (w) => `I can set up ${plan(w.plan!)}. Reply YES to set it up.`,
    plan_refused: (w) => `I cannot set up ${w.asked} payments; the most I can set up is ${plan(w.plan!)}. Reply YES to set it up.`,
    plan_created: (w) => `Done: your plan is set up: ${plan(w.plan!)}. You can pay here: {{portal_link}}`,
    extension_granted: (w) => `Done: you have until ${w.date} to pay ${w.amount}. We will not send reminders before then.`,
    extension_offer: (w) => `I can give you up to ${w.days} more days, until ${w.date}. Reply YES to take them.`,
    extension_refused: (w) => `I cannot give ${w.asked} days; the most I can give is ${w.days} days, until ${w.date}. Reply YES to take them.`,
    extension_none_left: (w) => `I cannot give more time on this account, but you can pay in instalments: ${list(w.options)}. Reply with the number of payments you want.`,
    payment_claim: () => 'Thank you. Please reply with proof of the payment (the receipt or the transfer reference) so we can check it.',
    proof_received: () => 'Thank you, I have passed it on to be checked. We will let you know.',
    receipt_received: (w) => `We received your receipt. We will check it and confirm${w.date ? `; reminders are paused until ${w.date}` : ''}.`,
    file_thanks: () => 'Thank you, we received your file and keep it with your account. Nothing on your account is overdue.',
    file_refused: () => 'We can only read photos and PDF files. Please send the receipt as a photo or a PDF.',
    dispute_opened: (w) => `I have opened a review of your claim (${w.reference}). We will not ask you to pay the invoices in question while a person looks into it.`,
    handover: () => 'I have passed your message to a person on our team, who will get back to you soon.',
    handover_care: () => 'I am sorry to hear that. I have passed your case to a person on our team, who will look at the options with you.',
    clarify: () => 'Sorry, I did not understand. You can ask for the payment link, tell me the day you will pay, ask for instalments or more time, or ask to talk to a person.',
    greeting: () => 'Hello! I can send you the payment link, record the day you will pay, or set up instalments. How can I help?',
  },
};

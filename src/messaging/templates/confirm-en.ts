// English confirmations of what a debtor arranged or cancelled in the portal, or agreed with staff: a promise, more time, a plan, their cancellation, and staff's cancellation of them.
import type { TemplateEntry } from './types.ts';

const SEE_IT = '{{#portal_link}}To see it, pay, or change it: {{portal_link}}{{/portal_link}}';
/** The org's bank transfer details in the currency owed, as the step templates carry them (empty, so hidden, without an account in it). */
const TRANSFER = '{{#bank_transfer}}To pay by bank transfer, please quote the reference below so that we can match your payment straight away:\n\n{{bank_transfer}}\n\n{{/bank_transfer}}';
/** In an SMS, one line after the portal link, only when the message stays within three segments with it (src/messaging/render.ts). */
const SMS_TRANSFER = '{{#bank_transfer}} {{bank_transfer}}.{{/bank_transfer}}';
/** A call's opening: who calls and for whom (the confirmation follows; the menu offers its details by SMS). */
const CALL = 'Hello, this is an automated call from {{company_name}} for {{customer_name}}';

export const CONFIRM_EN: Readonly<Record<string, TemplateEntry>> = {
  'portal-promise-confirmed': {
    purpose: 'confirmation',
    email: {
      subject: 'Your promise to pay {{promise_amount}} by {{promise_date}}',
      body:
        'Thank you. This confirms the promise you made {{^arranged_with_us}}on your account page with{{/arranged_with_us}}{{#arranged_with_us}}to{{/arranged_with_us}} {{company_name}}' +
        '{{#arrangement_changed}}, which replaces the one you made before{{/arrangement_changed}}: ' +
        'you will pay {{promise_amount}} by {{promise_date}}.\n\nWhat is owed today:\n\n{{invoice_list}}\n\n' +
        'We will not send you reminders about it until then. If the payment has not reached us by that date, ' +
        'the promise counts as not kept and reminders about the balance start again.\n\n' + TRANSFER + SEE_IT,
    },
    sms: '{{company_name}}: we confirm your promise to pay {{promise_amount}} by {{promise_date}}. If it is not paid by then, reminders resume. See or change it: {{portal_link}}' + SMS_TRANSFER,
    whatsapp: '{{company_name}}: this confirms your promise to pay {{promise_amount}} by {{promise_date}}. We will not send reminders about it until then; if it has not been paid by that date, they start again. To see it, pay or change it: {{portal_link}}',
    voice: CALL + ', to confirm the promise you made {{^arranged_with_us}}on your account page{{/arranged_with_us}}{{#arranged_with_us}}with us{{/arranged_with_us}}{{#arrangement_changed}}, which replaces the one you made before{{/arrangement_changed}}: you will pay {{promise_amount}} by {{promise_date}}. We will not send you reminders about it until then. If it has not been paid by that date, reminders start again.',
  },
  'portal-extension-confirmed': {
    purpose: 'confirmation',
    email: {
      subject: 'More time agreed: {{promise_amount}} due by {{promise_date}}',
      body:
        'This confirms the extra time you {{^arranged_with_us}}asked for on your account page with{{/arranged_with_us}}{{#arranged_with_us}}agreed with{{/arranged_with_us}} {{company_name}}' +
        '{{#arrangement_changed}} (it replaces your earlier promise){{/arrangement_changed}}: ' +
        'the balance of {{promise_amount}} is now due by {{promise_date}}.\n\n{{invoice_list}}\n\n' +
        'We will not send you reminders about it until then. If it has not been paid by that date, ' +
        'the extra time ends and reminders about the balance start again.\n\n' + TRANSFER + SEE_IT,
    },
    sms: '{{company_name}}: more time agreed. {{promise_amount}} is now due by {{promise_date}}; if it is not paid by then, reminders resume. {{portal_link}}' + SMS_TRANSFER,
    whatsapp: '{{company_name}}: this confirms your extra time. {{promise_amount}} is now due by {{promise_date}}. We will not send reminders about it until then; if it has not been paid by that date, they start again. To see it, pay or change it: {{portal_link}}',
    voice: CALL + ', to confirm the extra time you {{^arranged_with_us}}asked for on your account page{{/arranged_with_us}}{{#arranged_with_us}}agreed with us{{/arranged_with_us}}: {{promise_amount}} is now due by {{promise_date}}. We will not send you reminders about it until then. If it has not been paid by that date, reminders start again.',
  },
  'portal-plan-confirmed': {
    purpose: 'confirmation',
    email: {
      subject: 'Your payment plan with {{company_name}}: {{plan_instalment_count}} payments from {{plan_first_date}}',
      body:
        'Thank you. This confirms the payment plan you {{^arranged_with_us}}chose on your account page{{/arranged_with_us}}{{#arranged_with_us}}agreed with {{company_name}}{{/arranged_with_us}}' +
        '{{#arrangement_changed}}, which replaces your earlier promise{{/arrangement_changed}}: ' +
        '{{plan_total}} in {{plan_instalment_count}} payments, from {{plan_first_date}} to {{plan_last_date}}.\n\n{{plan_schedule}}\n\n' +
        'We will remind you a few days before each payment. If a payment is missed, the plan ends: what you have paid stays paid, ' +
        'the rest of the balance is due again and reminders about it resume.\n\n' + TRANSFER + SEE_IT,
    },
    sms: '{{company_name}}: we confirm your plan of {{plan_instalment_count}} payments, {{plan_total}} in all, from {{plan_first_date}} to {{plan_last_date}}. A missed payment ends the plan. Schedule: {{portal_link}}' + SMS_TRANSFER,
    whatsapp: '{{company_name}}: this confirms your payment plan of {{plan_instalment_count}} payments, {{plan_total}} in all, from {{plan_first_date}} to {{plan_last_date}}. We will remind you a few days before each payment; a missed payment ends the plan. Each payment\'s date and amount: {{portal_link}}',
    voice: CALL + ', to confirm your payment plan{{#arrangement_changed}}, which replaces your earlier promise{{/arrangement_changed}}: {{plan_total}} in {{plan_instalment_count}} payments. You will pay {{plan_schedule}}. We will remind you a few days before each payment. If a payment is missed, the plan ends and the rest of the balance is due again.',
  },
  'portal-promise-cancelled': {
    purpose: 'confirmation',
    email: {
      subject: 'Your promise to pay is cancelled',
      body:
        'As you asked on your account page with {{company_name}}, your promise to pay' +
        '{{#promise_amount}} {{promise_amount}} by {{promise_date}}{{/promise_amount}} is cancelled.\n\n' +
        'The balance is due again:\n\n{{invoice_list}}\n\nReminders about it will start again.\n\n' +
        TRANSFER + '{{#portal_link}}You can pay, make a new promise or choose a plan here: {{portal_link}}{{/portal_link}}',
    },
    sms: '{{company_name}}: your promise to pay {{promise_amount}} is cancelled, as you asked. {{total_due}} is due again and reminders resume. {{portal_link}}' + SMS_TRANSFER,
    whatsapp: '{{company_name}}: your promise to pay {{promise_amount}} is cancelled, as you asked. {{total_due}} is due again and reminders start again. To pay, promise again or choose a plan: {{portal_link}}',
    voice: CALL + ', to confirm that your promise to pay{{#promise_amount}} {{promise_amount}}{{/promise_amount}} is cancelled, as you asked. {{total_due}} is due again, and reminders about it will start again.',
  },
  'portal-plan-cancelled': {
    purpose: 'confirmation',
    email: {
      subject: 'Your payment plan is cancelled',
      body:
        'As you asked on your account page with {{company_name}}, your payment plan is cancelled. What you paid under it stays paid.\n\n' +
        'What is due again:\n\n{{invoice_list}}\n\nReminders about it will start again.\n\n' +
        TRANSFER + '{{#portal_link}}You can pay, make a promise or choose another plan here: {{portal_link}}{{/portal_link}}',
    },
    sms: '{{company_name}}: your payment plan is cancelled, as you asked. What you paid stays paid; {{total_due}} is due again and reminders resume. {{portal_link}}' + SMS_TRANSFER,
    whatsapp: '{{company_name}}: your payment plan is cancelled, as you asked. What you paid under it stays paid; {{total_due}} is due again and reminders start again. To pay, promise or choose another plan: {{portal_link}}',
    voice: CALL + ', to confirm that your payment plan is cancelled, as you asked. What you paid under it stays paid. {{total_due}} is due again, and reminders about it will start again.',
  },
  // staff cancelled it (the API, the CLI, the web app): says who did, what stays paid and that reminders come again
  'portal-promise-cancelled-by-staff': {
    purpose: 'confirmation',
    email: {
      subject: '{{company_name}} has cancelled your promise to pay',
      body:
        '{{company_name}} has cancelled your promise to pay{{#promise_amount}} {{promise_amount}} by {{promise_date}}{{/promise_amount}}. ' +
        'Anything you have already paid stays credited to your account.\n\n' +
        'What is owed today:\n\n{{invoice_list}}\n\nReminders about this balance will be sent again. If you think this is a mistake or would like ' +
        'to agree on something new, contact {{company_name}}{{#company_phone}} on {{company_phone}}{{/company_phone}}.\n\n' +
        TRANSFER + '{{#portal_link}}To pay, promise again or choose a plan: {{portal_link}}{{/portal_link}}',
    },
    sms: '{{company_name}}: we have cancelled your promise to pay {{promise_amount}}. Anything paid stays credited; {{total_due}} is owed and reminders resume. {{portal_link}}' + SMS_TRANSFER,
    whatsapp: '{{company_name}}: we have cancelled your promise to pay {{promise_amount}}. Anything you have already paid stays credited; {{total_due}} is owed and reminders will be sent again. To pay, promise again or choose a plan: {{portal_link}}',
    voice: CALL + '. We have cancelled your promise to pay{{#promise_amount}} {{promise_amount}}{{/promise_amount}}. Anything you have already paid stays credited to your account. {{total_due}} is owed, and reminders about it will be sent again.',
  },
  'portal-plan-cancelled-by-staff': {
    purpose: 'confirmation',
    email: {
      subject: '{{company_name}} has cancelled your payment plan',
      body:
        '{{company_name}} has cancelled the payment plan you had with them. The payments you made under it stay paid.\n\n' +
        'What is owed again:\n\n{{invoice_list}}\n\nReminders about this balance will be sent again. If you think this is a mistake or would like ' +
        'to agree on a new plan, contact {{company_name}}{{#company_phone}} on {{company_phone}}{{/company_phone}}.\n\n' +
        TRANSFER + '{{#portal_link}}To pay, make a promise or choose another plan: {{portal_link}}{{/portal_link}}',
    },
    sms: '{{company_name}}: we have cancelled your payment plan. Payments made under it stay paid; {{total_due}} is owed again and reminders resume. {{portal_link}}' + SMS_TRANSFER,
    whatsapp: '{{company_name}}: we have cancelled your payment plan. The payments you made under it stay paid; {{total_due}} is owed again and reminders will be sent again. To pay, promise or choose another plan: {{portal_link}}',
    voice: CALL + '. We have cancelled your payment plan. The payments you made under it stay paid. {{total_due}} is owed again, and reminders about it will be sent again.',
  },
};

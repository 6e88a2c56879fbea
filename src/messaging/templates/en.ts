// English texts for every template the default strategies use, on each channel they send it on.
import type { LanguagePack } from './types.ts';
import { CONFIRM_EN } from './confirm-en.ts';

/** The org's bank transfer details in an email, after the payment link; hidden (nothing at all) without an account in the invoices' currency. */
const BANK_TRANSFER = '{{#bank_transfer}}You can also pay by bank transfer. Please quote the reference below so that we can match your payment straight away:\n\n{{bank_transfer}}\n\n{{/bank_transfer}}';
/** In an SMS, one short line after the payment link (the message stays GSM-7 and, with the US disclosure, within three segments). */
const SMS_BANK_TRANSFER = '{{#bank_transfer}} {{bank_transfer}}.{{/bank_transfer}}';

export const EN: LanguagePack = {
  language: 'en',
  metaLanguage: 'en',
  sayLanguage: 'en-US',
  greeting: {
    friendly: 'Hi {{contact_name}},',
    neutral: 'Hello {{contact_name}},',
    formal: 'Dear {{contact_name}},',
    firm: 'To {{customer_name}}:',
  },
  closing: {
    friendly: 'Thank you!\n{{company_name}}',
    neutral: 'Regards,\n{{company_name}}',
    formal: 'Yours sincerely,\n{{company_name}} — Accounts receivable',
    firm: '{{company_name}} — Collections',
  },
  smsOptOut: 'Reply STOP to opt out.',
  disclosures: {
    usCollector: 'This communication is from a debt collector. This is an attempt to collect a debt, and any information obtained will be used for that purpose.',
    brSupplier: 'Creditor: {{company_name}}, {{company_address}}, CPF/CNPJ {{company_tax_id}}.',
  },
  emailFooter:
    '{{company_name}}{{#company_address}} · {{company_address}}{{/company_address}}{{#company_tax_id}} · Tax ID {{company_tax_id}}{{/company_tax_id}}' +
    '{{#company_email}} · {{company_email}}{{/company_email}}{{#company_phone}} · {{company_phone}}{{/company_phone}}\n\n' +
    '{{#legal_footer}}{{legal_footer}}\n\n{{/legal_footer}}' +
    'You are receiving this email about your account with {{company_name}}. To stop these emails: {{unsubscribe_link}}',
  invoiceTable: { number: 'Invoice', dueDate: 'Due date', balance: 'Amount due', total: 'Total' },
  invoiceLine: 'Invoice {{number}}, due {{due_date}}: {{balance}}',
  payButton: 'Pay now',
  voice: {
    fallback:
      'Hello, this is an automated call from {{company_name}} for {{customer_name}}. ' +
      '{{#overdue}}Your account has {{total_due}} past due, {{days_overdue}} days after the due date.{{/overdue}}' +
      '{{^overdue}}You have {{total_due}} due on {{oldest_due_date}}.{{/overdue}}',
    menu: 'To receive a payment link by text message, press 1. To speak with a person, press 2.',
    noInput: 'We did not receive a choice. You can call us back at any time. Goodbye.',
    linkSent: 'Thank you. We are sending you the payment link by text message now. Goodbye.',
    transfer: 'Please hold while we connect you with a member of our team.',
    invalid: 'Sorry, that is not an option.',
    detailsMenu: 'To receive these details by text message, press 1. To speak with a person, press 2.',
    detailsSent: 'Thank you. We are sending you these details by text message now. Goodbye.',
  },
  templates: {
    'upcoming-reminder': {
      email: {
        subject: '{{#several}}Your invoices are{{/several}}{{^several}}Invoice {{invoice_numbers}} is{{/several}} due on {{oldest_due_date}}',
        body:
          'Just a heads-up: {{total_due}} falls due on {{oldest_due_date}}, in {{days_until_due}} days.\n\n{{invoice_list}}\n\n' +
          '{{#payment_link}}You can pay online whenever it suits you: {{payment_link}}\n\n{{/payment_link}}' + BANK_TRANSFER +
          'If you have already arranged payment, thank you and please ignore this message.',
      },
      sms: '{{company_name}}: {{total_due}} is due on {{oldest_due_date}} ({{invoice_numbers}}).{{#payment_link}} Pay: {{payment_link}}{{/payment_link}}' + SMS_BANK_TRANSFER,
      whatsapp: '{{greeting}} this is a friendly reminder from {{company_name}}: {{total_due}} for invoice(s) {{invoice_numbers}} is due on {{oldest_due_date}}. Thank you.',
    },
    'due-today': {
      email: {
        subject: 'Due today: {{total_due}} to {{company_name}}',
        body:
          'Today is the due date for {{#several}}these invoices{{/several}}{{^several}}this invoice{{/several}}:\n\n{{invoice_list}}\n\n' +
          '{{#payment_link}}Paying takes a minute: {{payment_link}}\n\n{{/payment_link}}' + BANK_TRANSFER +
          '{{#portal_link}}You can also see your account, promise a date or ask for a plan here: {{portal_link}}\n\n{{/portal_link}}' +
          'If payment is already on its way, thank you.',
      },
      sms: '{{company_name}}: {{total_due}} ({{invoice_numbers}}) is due today.{{#payment_link}} Pay: {{payment_link}}{{/payment_link}}' + SMS_BANK_TRANSFER,
      whatsapp: '{{greeting}} {{total_due}} for invoice(s) {{invoice_numbers}} with {{company_name}} is due today. You can pay here: {{payment_link}} Thank you.',
    },
    'overdue-formal': {
      email: {
        subject: 'Overdue balance of {{total_due}}: {{company_name}}',
        body:
          'According to our records, the following {{#several}}invoices remain{{/several}}{{^several}}invoice remains{{/several}} unpaid ' +
          '{{days_overdue}} days after the due date:\n\n{{invoice_list}}\n\n' +
          'We would be grateful if you could settle the balance of {{total_due}} at your earliest convenience.' +
          '{{#payment_link}} You can do so securely here: {{payment_link}}{{/payment_link}}\n\n' + BANK_TRANSFER +
          'If you believe this is an error, or payment has already been made, please reply to this email so that we can update our records.',
      },
    },
    'overdue-late-fee-warning': {
      email: {
        subject: 'Action needed: {{total_due}} overdue, a late fee may apply',
        body:
          '{{total_due}} is now {{days_overdue}} days overdue:\n\n{{invoice_list}}\n\n' +
          'Under the agreed payment terms, {{#late_fee}}a late fee of {{late_fee}}{{/late_fee}}{{^late_fee}}a late fee{{/late_fee}} ' +
          'may be added if the balance remains unpaid.{{#payment_link}} To avoid it, please pay here: {{payment_link}}{{/payment_link}}\n\n' + BANK_TRANSFER +
          '{{#portal_link}}If you cannot pay in full, you can propose a date or a payment plan: {{portal_link}}\n\n{{/portal_link}}' +
          'If you have questions about these invoices, reply to this email.',
      },
      sms: '{{company_name}}: {{total_due}} is {{days_overdue}} days overdue; a late fee may apply.{{#payment_link}} Pay: {{payment_link}}{{/payment_link}}' + SMS_BANK_TRANSFER,
      whatsapp: '{{greeting}} {{total_due}} for invoice(s) {{invoice_numbers}} with {{company_name}} is {{days_overdue}} days overdue, and a late fee may apply under the agreed terms. Pay here: {{payment_link}} Thank you.',
    },
    'promise-broken': {
      email: {
        subject: 'We did not receive the payment you promised for {{promise_date}}',
        body:
          '{{#promise_amount}}You told us you would pay {{promise_amount}} by {{promise_date}}, and we have not received it yet.{{/promise_amount}}' +
          '{{^promise_amount}}We have not received the payment you promised.{{/promise_amount}} The balance is still open:\n\n{{invoice_list}}\n\n' +
          '{{#payment_link}}Please pay as soon as possible here: {{payment_link}}\n\n{{/payment_link}}' + BANK_TRANSFER +
          '{{#portal_link}}If something has changed, tell us a new date or choose a plan: {{portal_link}}\n\n{{/portal_link}}' +
          'If you already paid, please reply with the details so we can match it.',
      },
      sms: '{{company_name}}: we did not receive the payment promised for {{promise_date}}. Balance: {{total_due}}.{{#payment_link}} Pay: {{payment_link}}{{/payment_link}}' + SMS_BANK_TRANSFER,
      whatsapp: '{{greeting}} we have not received the payment you promised for {{promise_date}}. The balance with {{company_name}} is {{total_due}}. Pay here: {{payment_link}} If something changed, reply to this message.',
    },
    'instalment-missed': {
      email: {
        subject: 'Instalment {{instalment_number}} of your payment plan is unpaid',
        body:
          'The instalment of {{instalment_amount}} due on {{instalment_due_date}} under your payment plan has not been received.\n\n' +
          '{{#payment_link}}Please pay it here to keep the plan active: {{payment_link}}\n\n{{/payment_link}}' + BANK_TRANSFER +
          'If the plan no longer works for you, reply to this email and we will look at it together.',
      },
      sms: '{{company_name}}: your plan instalment of {{instalment_amount}} due {{instalment_due_date}} is unpaid.{{#payment_link}} Pay: {{payment_link}}{{/payment_link}}' + SMS_BANK_TRANSFER,
    },
    'instalment-reminder': {
      email: {
        subject: 'Instalment {{instalment_number}} of your payment plan falls due on {{instalment_due_date}}',
        body:
          'A reminder about your payment plan with {{company_name}}: instalment {{instalment_number}}, of {{instalment_amount}}, falls due on {{instalment_due_date}}.\n\n' +
          '{{#payment_link}}You can pay it now if that suits you: {{payment_link}}\n\n{{/payment_link}}' + BANK_TRANSFER +
          'Thank you for keeping to the plan. If anything has changed, reply to this email before the date.',
      },
      sms: '{{company_name}}: instalment {{instalment_number}} of your plan, {{instalment_amount}}, is due {{instalment_due_date}}.{{#payment_link}} Pay: {{payment_link}}{{/payment_link}}' + SMS_BANK_TRANSFER,
      whatsapp: '{{greeting}} a reminder from {{company_name}}: instalment {{instalment_number}} of your payment plan, {{instalment_amount}}, falls due on {{instalment_due_date}}. You can pay here: {{payment_link}} Thank you.',
    },
    'overdue-nudge': {
      sms: '{{company_name}}: {{total_due}} ({{invoice_numbers}}) is {{days_overdue}} days overdue.{{#payment_link}} Pay: {{payment_link}}{{/payment_link}}' + SMS_BANK_TRANSFER,
      whatsapp: '{{greeting}} a quick note from {{company_name}}: {{total_due}} for invoice(s) {{invoice_numbers}} is {{days_overdue}} days overdue. You can pay here: {{payment_link}} Thank you.',
    },
    'final-notice': {
      email: {
        subject: 'Final notice: {{total_due}} overdue with {{company_name}}',
        body:
          'Despite our previous messages, the following balance is {{days_overdue}} days overdue:\n\n{{invoice_list}}\n\n' +
          'Please pay {{total_due}}{{#deadline}} by {{deadline}}{{/deadline}}, or contact us to agree on a plan. ' +
          'Otherwise the account may be passed on for further collection action.\n\n' +
          '{{#payment_link}}Pay here: {{payment_link}}\n\n{{/payment_link}}' + BANK_TRANSFER +
          '{{#portal_link}}Propose a date or a plan: {{portal_link}}\n\n{{/portal_link}}' +
          'If you dispute this debt, reply to this email and tell us why.',
      },
      sms: '{{company_name}} final notice: {{total_due}} is {{days_overdue}} days overdue. Please pay or contact us.{{#payment_link}} {{payment_link}}{{/payment_link}}' + SMS_BANK_TRANSFER,
    },
    'gentle-reminder': {
      email: {
        subject: 'A small reminder about {{#several}}your invoices{{/several}}{{^several}}invoice {{invoice_numbers}}{{/several}}',
        body:
          'It looks like {{total_due}} slipped past its due date on {{oldest_due_date}}. It happens!\n\n{{invoice_list}}\n\n' +
          '{{#payment_link}}When you have a moment: {{payment_link}}\n\n{{/payment_link}}' + BANK_TRANSFER +
          'If it is already paid, thanks, and sorry for the nudge.',
      },
    },
    'gentle-follow-up': {
      email: {
        subject: 'Following up on {{total_due}} with {{company_name}}',
        body:
          'Following up on our last note: {{total_due}} is still open, {{days_overdue}} days after the due date.\n\n{{invoice_list}}\n\n' +
          '{{#payment_link}}You can pay here: {{payment_link}}\n\n{{/payment_link}}' + BANK_TRANSFER +
          'If anything is holding it up, such as a missing purchase order or a question about the invoice, just reply and we will sort it out.',
      },
    },
    'promise-reminder': {
      email: {
        subject: 'About the payment planned for {{promise_date}}',
        body:
          '{{#promise_amount}}We had a note that {{promise_amount}} would arrive by {{promise_date}}, but we have not seen it yet.{{/promise_amount}}' +
          '{{^promise_amount}}We have not seen the payment we expected yet.{{/promise_amount}} No worries if it is on its way.\n\n{{invoice_list}}\n\n' +
          '{{#payment_link}}To pay now: {{payment_link}}\n\n{{/payment_link}}' + BANK_TRANSFER +
          '{{#portal_link}}Or pick a new date: {{portal_link}}\n\n{{/portal_link}}' +
          'Thanks for keeping us posted.',
      },
    },
    ...CONFIRM_EN,
  },
};

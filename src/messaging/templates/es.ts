// Spanish (neutral Latin American) texts for every template the default strategies use, on each channel they send it on.
import type { LanguagePack } from './types.ts';
import { CONFIRM_ES } from './confirm-es.ts';

/**
 * The org's bank transfer details in an email, after the payment link; hidden (nothing at all) without an account in the
 * invoices' currency.
 */
const BANK_TRANSFER = '{{#bank_transfer}}También puede pagar por transferencia bancaria. Indique la referencia que aparece abajo para que podamos identificar su pago de inmediato:\n\n{{bank_transfer}}\n\n{{/bank_transfer}}';
/**
 * Its one line in an SMS, after the payment link. These SMS go as UCS-2 (á, í), 67 characters a segment: the renderer
 * writes the natural line, else a compact one, else none, whichever keeps the message within three segments.
 */
const SMS_BANK_TRANSFER = '{{#bank_transfer}} {{bank_transfer}}.{{/bank_transfer}}';

export const ES: LanguagePack = {
  language: 'es',
  metaLanguage: 'es',
  sayLanguage: 'es-MX',
  greeting: {
    friendly: 'Hola, {{contact_name}}:',
    neutral: 'Buen día, {{contact_name}}:',
    formal: 'Estimado/a {{contact_name}}:',
    firm: 'Para {{customer_name}}:',
  },
  closing: {
    friendly: '¡Muchas gracias!\n{{company_name}}',
    neutral: 'Saludos,\n{{company_name}}',
    formal: 'Atentamente,\n{{company_name}} — Cuentas por cobrar',
    firm: '{{company_name}} — Cobranza',
  },
  smsOptOut: 'Responda BAJA para no recibir más.',
  disclosures: {
    usCollector: 'Esta comunicación proviene de un cobrador de deudas. Es un intento de cobrar una deuda, y cualquier información que se obtenga se usará con ese fin.',
    brSupplier: 'Acreedor: {{company_name}}, {{company_address}}, CPF/CNPJ {{company_tax_id}}.',
  },
  emailFooter:
    '{{company_name}}{{#company_address}} · {{company_address}}{{/company_address}}{{#company_tax_id}} · ID fiscal {{company_tax_id}}{{/company_tax_id}}' +
    '{{#company_email}} · {{company_email}}{{/company_email}}{{#company_phone}} · {{company_phone}}{{/company_phone}}\n\n' +
    '{{#legal_footer}}{{legal_footer}}\n\n{{/legal_footer}}' +
    'Recibe este correo por su cuenta con {{company_name}}. Para dejar de recibir estos correos: {{unsubscribe_link}}',
  invoiceTable: { number: 'Factura', dueDate: 'Vencimiento', balance: 'Saldo', total: 'Total' },
  invoiceLine: 'Factura {{number}}, vence el {{due_date}}: {{balance}}',
  payButton: 'Pagar ahora',
  voice: {
    fallback:
      'Hola, esta es una llamada automática de {{company_name}} para {{customer_name}}. ' +
      '{{#overdue}}Su cuenta tiene un saldo vencido de {{total_due}}, con {{days_overdue}} días de atraso.{{/overdue}}' +
      '{{^overdue}}Tiene un pago de {{total_due}} que vence el {{oldest_due_date}}.{{/overdue}}',
    menu: 'Para recibir el enlace de pago por mensaje de texto, marque 1. Para hablar con una persona, marque 2.',
    noInput: 'No recibimos ninguna opción. Puede llamarnos cuando lo desee. Hasta luego.',
    linkSent: 'Gracias. Le enviamos ahora el enlace de pago por mensaje de texto. Hasta luego.',
    transfer: 'Un momento, por favor. Lo comunicamos con una persona de nuestro equipo.',
    invalid: 'Lo sentimos, esa opción no es válida.',
    detailsMenu: 'Para recibir estos datos por mensaje de texto, marque 1. Para hablar con una persona, marque 2.',
    detailsSent: 'Gracias. Le enviamos ahora estos datos por mensaje de texto. Hasta luego.',
  },
  templates: {
    'upcoming-reminder': {
      email: {
        subject: '{{#several}}Sus facturas vencen{{/several}}{{^several}}La factura {{invoice_numbers}} vence{{/several}} el {{oldest_due_date}}',
        body:
          'Le avisamos con tiempo: {{total_due}} vence el {{oldest_due_date}}, dentro de {{days_until_due}} días.\n\n{{invoice_list}}\n\n' +
          '{{#payment_link}}Puede pagar en línea cuando le resulte cómodo: {{payment_link}}\n\n{{/payment_link}}' + BANK_TRANSFER +
          'Si ya programó el pago, muchas gracias; puede ignorar este mensaje.',
      },
      sms: '{{company_name}}: {{total_due}} vence el {{oldest_due_date}} ({{invoice_numbers}}).{{#payment_link}} Pague en {{payment_link}}{{/payment_link}}' + SMS_BANK_TRANSFER,
      whatsapp: '{{greeting}} le recordamos desde {{company_name}} que {{total_due}} de la(s) factura(s) {{invoice_numbers}} vence el {{oldest_due_date}}. Muchas gracias.',
    },
    'due-today': {
      email: {
        subject: 'Vence hoy: {{total_due}} a {{company_name}}',
        body:
          'Hoy vence{{#several}}n estas facturas{{/several}}{{^several}} esta factura{{/several}}:\n\n{{invoice_list}}\n\n' +
          '{{#payment_link}}Pagar le toma un minuto: {{payment_link}}\n\n{{/payment_link}}' + BANK_TRANSFER +
          '{{#portal_link}}También puede ver su cuenta, comprometer una fecha o pedir un plan de pagos aquí: {{portal_link}}\n\n{{/portal_link}}' +
          'Si el pago ya está en camino, muchas gracias.',
      },
      sms: '{{company_name}}: {{total_due}} ({{invoice_numbers}}) vence hoy.{{#payment_link}} Pague en {{payment_link}}{{/payment_link}}' + SMS_BANK_TRANSFER,
      whatsapp: '{{greeting}} hoy vence el pago de {{total_due}} de la(s) factura(s) {{invoice_numbers}} con {{company_name}}. Puede pagar aquí: {{payment_link}} Muchas gracias.',
    },
    'overdue-formal': {
      email: {
        subject: 'Saldo vencido de {{total_due}}: {{company_name}}',
        body:
          'Según nuestros registros, {{#several}}las siguientes facturas siguen{{/several}}{{^several}}la siguiente factura sigue{{/several}} ' +
          'sin pagar {{days_overdue}} días después de su vencimiento:\n\n{{invoice_list}}\n\n' +
          'Le agradeceremos regularizar el saldo de {{total_due}} a la brevedad.' +
          '{{#payment_link}} Puede hacerlo de forma segura aquí: {{payment_link}}{{/payment_link}}\n\n' + BANK_TRANSFER +
          'Si considera que se trata de un error, o si ya realizó el pago, responda este correo para que actualicemos nuestros registros.',
      },
    },
    'overdue-late-fee-warning': {
      email: {
        subject: 'Acción requerida: {{total_due}} vencido, podría aplicarse un recargo',
        body:
          '{{total_due}} lleva {{days_overdue}} días de atraso:\n\n{{invoice_list}}\n\n' +
          'De acuerdo con las condiciones de pago pactadas, {{#late_fee}}podría aplicarse un recargo de {{late_fee}}{{/late_fee}}' +
          '{{^late_fee}}podría aplicarse un recargo por mora{{/late_fee}} si el saldo sigue pendiente.' +
          '{{#payment_link}} Para evitarlo, pague aquí: {{payment_link}}{{/payment_link}}\n\n' + BANK_TRANSFER +
          '{{#portal_link}}Si no puede pagar el total, puede proponer una fecha o un plan de pagos: {{portal_link}}\n\n{{/portal_link}}' +
          'Si tiene dudas sobre estas facturas, responda este correo.',
      },
      sms: '{{company_name}}: {{total_due}} lleva {{days_overdue}} días de atraso; podría aplicarse un recargo.{{#payment_link}} Pague en {{payment_link}}{{/payment_link}}' + SMS_BANK_TRANSFER,
      whatsapp: '{{greeting}} el saldo de {{total_due}} de la(s) factura(s) {{invoice_numbers}} con {{company_name}} lleva {{days_overdue}} días de atraso y, según las condiciones pactadas, podría aplicarse un recargo. Pague aquí: {{payment_link}} Gracias.',
    },
    'promise-broken': {
      email: {
        subject: 'No recibimos el pago comprometido para el {{promise_date}}',
        body:
          '{{#promise_amount}}Usted nos indicó que pagaría {{promise_amount}} a más tardar el {{promise_date}}, y aún no lo hemos recibido.{{/promise_amount}}' +
          '{{^promise_amount}}Aún no hemos recibido el pago comprometido.{{/promise_amount}} El saldo sigue pendiente:\n\n{{invoice_list}}\n\n' +
          '{{#payment_link}}Le pedimos pagar lo antes posible aquí: {{payment_link}}\n\n{{/payment_link}}' + BANK_TRANSFER +
          '{{#portal_link}}Si algo cambió, indíquenos una nueva fecha o elija un plan: {{portal_link}}\n\n{{/portal_link}}' +
          'Si ya pagó, responda con los datos del pago para poder identificarlo.',
      },
      sms: '{{company_name}}: no recibimos el pago comprometido para el {{promise_date}}. Saldo: {{total_due}}.{{#payment_link}} Pague en {{payment_link}}{{/payment_link}}' + SMS_BANK_TRANSFER,
      whatsapp: '{{greeting}} no hemos recibido el pago comprometido para el {{promise_date}}. El saldo con {{company_name}} es de {{total_due}}. Pague aquí: {{payment_link}} Si algo cambió, responda este mensaje.',
    },
    'instalment-missed': {
      email: {
        subject: 'La cuota {{instalment_number}} de su plan de pagos está pendiente',
        body:
          'No hemos recibido la cuota de {{instalment_amount}} con vencimiento el {{instalment_due_date}} de su plan de pagos.\n\n' +
          '{{#payment_link}}Pague aquí para mantener el plan vigente: {{payment_link}}\n\n{{/payment_link}}' + BANK_TRANSFER +
          'Si el plan ya no le resulta posible, responda este correo y lo revisaremos juntos.',
      },
      sms: '{{company_name}}: la cuota de {{instalment_amount}} de su plan, con vencimiento el {{instalment_due_date}}, está pendiente.{{#payment_link}} Pague en {{payment_link}}{{/payment_link}}' + SMS_BANK_TRANSFER,
    },
    'instalment-reminder': {
      email: {
        subject: 'La cuota {{instalment_number}} de su plan de pagos vence el {{instalment_due_date}}',
        body:
          'Le recordamos su plan de pagos con {{company_name}}: la cuota {{instalment_number}}, de {{instalment_amount}}, vence el {{instalment_due_date}}.\n\n' +
          '{{#payment_link}}Si le resulta cómodo, puede pagarla ahora: {{payment_link}}\n\n{{/payment_link}}' + BANK_TRANSFER +
          'Gracias por cumplir con el plan. Si algo cambió, responda este correo antes de esa fecha.',
      },
      sms: '{{company_name}}: la cuota {{instalment_number}} de su plan, de {{instalment_amount}}, vence el {{instalment_due_date}}.{{#payment_link}} Pague en {{payment_link}}{{/payment_link}}' + SMS_BANK_TRANSFER,
      whatsapp: '{{greeting}} le recordamos de parte de {{company_name}} que la cuota {{instalment_number}} de su plan de pagos, de {{instalment_amount}}, vence el {{instalment_due_date}}. Puede pagarla aquí: {{payment_link}} Gracias.',
    },
    'overdue-nudge': {
      sms: '{{company_name}}: {{total_due}} ({{invoice_numbers}}) lleva {{days_overdue}} días de atraso.{{#payment_link}} Pague en {{payment_link}}{{/payment_link}}' + SMS_BANK_TRANSFER,
      whatsapp: '{{greeting}} le escribimos de {{company_name}}: {{total_due}} de la(s) factura(s) {{invoice_numbers}} lleva {{days_overdue}} días de atraso. Puede pagar aquí: {{payment_link}} Muchas gracias.',
    },
    'final-notice': {
      email: {
        subject: 'Último aviso: {{total_due}} vencido con {{company_name}}',
        body:
          'A pesar de nuestros mensajes anteriores, el siguiente saldo lleva {{days_overdue}} días de atraso:\n\n{{invoice_list}}\n\n' +
          'Le pedimos pagar {{total_due}}{{#deadline}} a más tardar el {{deadline}}{{/deadline}}, o comunicarse con nosotros para acordar un plan. ' +
          'De lo contrario, la cuenta podría pasar a una etapa posterior de cobranza.\n\n' +
          '{{#payment_link}}Pague aquí: {{payment_link}}\n\n{{/payment_link}}' + BANK_TRANSFER +
          '{{#portal_link}}Proponga una fecha o un plan: {{portal_link}}\n\n{{/portal_link}}' +
          'Si no reconoce esta deuda, responda este correo e indíquenos el motivo.',
      },
      sms: 'Último aviso de {{company_name}}: {{total_due}} lleva {{days_overdue}} días de atraso. Pague o contáctenos.{{#payment_link}} {{payment_link}}{{/payment_link}}' + SMS_BANK_TRANSFER,
    },
    'gentle-reminder': {
      email: {
        subject: 'Un pequeño recordatorio sobre {{#several}}sus facturas{{/several}}{{^several}}la factura {{invoice_numbers}}{{/several}}',
        body:
          'Parece que {{total_due}} quedó pendiente después de su vencimiento el {{oldest_due_date}}. ¡Puede pasarle a cualquiera!\n\n{{invoice_list}}\n\n' +
          '{{#payment_link}}Cuando tenga un momento: {{payment_link}}\n\n{{/payment_link}}' + BANK_TRANSFER +
          'Si ya lo pagó, gracias, y disculpe la molestia.',
      },
    },
    'gentle-follow-up': {
      email: {
        subject: 'Seguimiento de {{total_due}} con {{company_name}}',
        body:
          'Retomamos nuestro último mensaje: {{total_due}} sigue pendiente, {{days_overdue}} días después del vencimiento.\n\n{{invoice_list}}\n\n' +
          '{{#payment_link}}Puede pagar aquí: {{payment_link}}\n\n{{/payment_link}}' + BANK_TRANSFER +
          'Si algo lo está demorando, como una orden de compra faltante o una duda sobre la factura, responda y lo resolvemos.',
      },
    },
    'promise-reminder': {
      email: {
        subject: 'Sobre el pago previsto para el {{promise_date}}',
        body:
          '{{#promise_amount}}Teníamos anotado que {{promise_amount}} llegaría a más tardar el {{promise_date}}, pero todavía no lo vemos.{{/promise_amount}}' +
          '{{^promise_amount}}Todavía no vemos el pago que esperábamos.{{/promise_amount}} Si ya está en camino, no se preocupe.\n\n{{invoice_list}}\n\n' +
          '{{#payment_link}}Para pagar ahora: {{payment_link}}\n\n{{/payment_link}}' + BANK_TRANSFER +
          '{{#portal_link}}O elija una nueva fecha: {{portal_link}}\n\n{{/portal_link}}' +
          'Gracias por mantenernos al tanto.',
      },
    },
    ...CONFIRM_ES,
  },
};

// Confirmaciones en español (neutro latinoamericano) de lo que el deudor acordó o canceló en el portal, o acordó con el personal de la empresa, y de lo que la empresa canceló.
import type { TemplateEntry } from './types.ts';

const SEE_IT = '{{#portal_link}}Para verlo, pagar o cambiarlo: {{portal_link}}{{/portal_link}}';
/** The org's bank transfer details in the currency owed, as the step templates carry them (empty, so hidden, without an account in it). */
const TRANSFER = '{{#bank_transfer}}Para pagar por transferencia bancaria, indique la referencia que aparece abajo para que podamos identificar su pago de inmediato:\n\n{{bank_transfer}}\n\n{{/bank_transfer}}';
/** In an SMS, one line after the portal link, only when the message stays within three segments with it (src/messaging/render.ts). */
const SMS_TRANSFER = '{{#bank_transfer}} {{bank_transfer}}.{{/bank_transfer}}';
/** A call's opening: who calls and for whom (the confirmation follows; the menu offers its details by SMS). */
const CALL = 'Hola, esta es una llamada automática de {{company_name}} para {{customer_name}}';

export const CONFIRM_ES: Readonly<Record<string, TemplateEntry>> = {
  'portal-promise-confirmed': {
    purpose: 'confirmation',
    email: {
      subject: 'Su promesa de pagar {{promise_amount}} a más tardar el {{promise_date}}',
      body:
        'Gracias. Le confirmamos la promesa de pago que {{^arranged_with_us}}hizo en su página de cuenta con{{/arranged_with_us}}{{#arranged_with_us}}acordó con{{/arranged_with_us}} {{company_name}}' +
        '{{#arrangement_changed}}, que reemplaza la que había hecho antes{{/arrangement_changed}}: ' +
        'pagará {{promise_amount}} a más tardar el {{promise_date}}.\n\nLo que se adeuda hoy:\n\n{{invoice_list}}\n\n' +
        'Hasta esa fecha no le enviaremos recordatorios por este saldo. Si el pago no nos llega para entonces, ' +
        'la promesa se considera incumplida y los recordatorios se reanudan.\n\n' + TRANSFER + SEE_IT,
    },
    sms: '{{company_name}}: anotamos su promesa de pagar {{promise_amount}} a más tardar el {{promise_date}}. Si no llega el pago, vuelven los recordatorios. Detalles: {{portal_link}}' + SMS_TRANSFER,
    whatsapp: '{{company_name}}: le confirmamos su promesa de pagar {{promise_amount}} a más tardar el {{promise_date}}. Hasta esa fecha no le enviaremos recordatorios; si para entonces no se ha pagado, se reanudan. Para verla, pagar o cambiarla: {{portal_link}}',
    voice: CALL + ', para confirmarle la promesa de pago que {{^arranged_with_us}}hizo en su página de cuenta{{/arranged_with_us}}{{#arranged_with_us}}acordó con nosotros{{/arranged_with_us}}{{#arrangement_changed}}, que reemplaza la anterior{{/arrangement_changed}}: pagará {{promise_amount}} a más tardar el {{promise_date}}. Hasta esa fecha no le enviaremos recordatorios. Si para entonces no se ha pagado, los recordatorios se reanudan.',
  },
  'portal-extension-confirmed': {
    purpose: 'confirmation',
    email: {
      subject: 'Plazo adicional acordado: {{promise_amount}} a más tardar el {{promise_date}}',
      body:
        'Le confirmamos el plazo adicional que {{^arranged_with_us}}pidió en su página de cuenta con{{/arranged_with_us}}{{#arranged_with_us}}acordó con{{/arranged_with_us}} {{company_name}}' +
        '{{#arrangement_changed}} (reemplaza su promesa anterior){{/arrangement_changed}}: ' +
        'el saldo de {{promise_amount}} vence ahora el {{promise_date}}.\n\n{{invoice_list}}\n\n' +
        'Hasta esa fecha no le enviaremos recordatorios por este saldo. Si no se ha pagado para entonces, ' +
        'el plazo termina y los recordatorios se reanudan.\n\n' + TRANSFER + SEE_IT,
    },
    sms: '{{company_name}}: nuevo plazo. {{promise_amount}} vence el {{promise_date}}; si no llega el pago, vuelven los recordatorios. {{portal_link}}' + SMS_TRANSFER,
    whatsapp: '{{company_name}}: le confirmamos el plazo adicional. {{promise_amount}} vence ahora el {{promise_date}}. Hasta esa fecha no le enviaremos recordatorios; si para entonces no se ha pagado, se reanudan. Para verlo, pagar o cambiarlo: {{portal_link}}',
    voice: CALL + ', para confirmarle el plazo adicional que {{^arranged_with_us}}pidió en su página de cuenta{{/arranged_with_us}}{{#arranged_with_us}}acordó con nosotros{{/arranged_with_us}}: el saldo de {{promise_amount}} vence ahora el {{promise_date}}. Hasta esa fecha no le enviaremos recordatorios. Si para entonces no se ha pagado, los recordatorios se reanudan.',
  },
  'portal-plan-confirmed': {
    purpose: 'confirmation',
    email: {
      subject: 'Su plan de pagos con {{company_name}}: {{plan_instalment_count}} pagos desde el {{plan_first_date}}',
      body:
        'Gracias. Le confirmamos el plan de pagos que {{^arranged_with_us}}eligió en su página de cuenta{{/arranged_with_us}}{{#arranged_with_us}}acordó con {{company_name}}{{/arranged_with_us}}' +
        '{{#arrangement_changed}}, que reemplaza su promesa anterior{{/arrangement_changed}}: ' +
        '{{plan_total}} en {{plan_instalment_count}} pagos, del {{plan_first_date}} al {{plan_last_date}}.\n\n{{plan_schedule}}\n\n' +
        'Le recordaremos cada pago unos días antes. Si no se realiza un pago, el plan termina: lo que ya pagó queda pagado, ' +
        'el resto del saldo vuelve a estar vencido y los recordatorios se reanudan.\n\n' + TRANSFER + SEE_IT,
    },
    sms: '{{company_name}}: plan acordado de {{plan_instalment_count}} pagos, {{plan_total}} en total, del {{plan_first_date}} al {{plan_last_date}}. Si falta un pago, el plan termina. Fechas: {{portal_link}}' + SMS_TRANSFER,
    whatsapp: '{{company_name}}: le confirmamos su plan de {{plan_instalment_count}} pagos, {{plan_total}} en total, del {{plan_first_date}} al {{plan_last_date}}. Le recordaremos cada pago unos días antes; si falta un pago, el plan termina. Fechas e importes de cada pago: {{portal_link}}',
    voice: CALL + ', para confirmarle su plan de pagos{{#arrangement_changed}}, que reemplaza su promesa anterior{{/arrangement_changed}}: {{plan_total}} en {{plan_instalment_count}} pagos. Pagará {{plan_schedule}}. Le recordaremos cada pago unos días antes. Si falta un pago, el plan termina y el resto del saldo vuelve a estar pendiente.',
  },
  'portal-promise-cancelled': {
    purpose: 'confirmation',
    email: {
      subject: 'Su promesa de pago fue cancelada',
      body:
        'Como lo pidió en su página de cuenta con {{company_name}}, su promesa de pago' +
        '{{#promise_amount}} de {{promise_amount}} para el {{promise_date}}{{/promise_amount}} quedó cancelada.\n\n' +
        'El saldo vuelve a estar pendiente:\n\n{{invoice_list}}\n\nLos recordatorios se reanudarán.\n\n' +
        TRANSFER + '{{#portal_link}}Puede pagar, hacer una nueva promesa o elegir un plan aquí: {{portal_link}}{{/portal_link}}',
    },
    sms: '{{company_name}}: cancelamos su promesa de {{promise_amount}}, como pidió. {{total_due}} queda pendiente y vuelven los recordatorios. {{portal_link}}' + SMS_TRANSFER,
    whatsapp: '{{company_name}}: su promesa de pagar {{promise_amount}} quedó cancelada, como lo pidió. {{total_due}} queda pendiente otra vez y se reanudan los recordatorios. Para pagar, prometer de nuevo o elegir un plan: {{portal_link}}',
    voice: CALL + ', para confirmarle que su promesa de pago{{#promise_amount}} de {{promise_amount}}{{/promise_amount}} quedó cancelada, como lo pidió. El saldo de {{total_due}} vuelve a estar pendiente y volveremos a enviarle recordatorios.',
  },
  'portal-plan-cancelled': {
    purpose: 'confirmation',
    email: {
      subject: 'Su plan de pagos fue cancelado',
      body:
        'Como lo pidió en su página de cuenta con {{company_name}}, su plan de pagos quedó cancelado. Lo que pagó con el plan queda pagado.\n\n' +
        'Lo que vuelve a estar pendiente:\n\n{{invoice_list}}\n\nLos recordatorios se reanudarán.\n\n' +
        TRANSFER + '{{#portal_link}}Puede pagar, hacer una promesa o elegir otro plan aquí: {{portal_link}}{{/portal_link}}',
    },
    sms: '{{company_name}}: cancelamos su plan, como pidió. Lo pagado queda pagado; {{total_due}} queda pendiente y vuelven los recordatorios. {{portal_link}}' + SMS_TRANSFER,
    whatsapp: '{{company_name}}: su plan de pagos quedó cancelado, como lo pidió. Lo que pagó con el plan queda pagado; {{total_due}} queda pendiente otra vez y se reanudan los recordatorios. Para pagar, prometer o elegir otro plan: {{portal_link}}',
    voice: CALL + ', para confirmarle que su plan de pagos quedó cancelado, como lo pidió. Lo que pagó con el plan sigue pagado. El saldo de {{total_due}} vuelve a estar pendiente y volveremos a enviarle recordatorios.',
  },
  // cancelado por la empresa (API, CLI o aplicación web): quién lo canceló, lo que sigue pagado y que vuelven los recordatorios
  'portal-promise-cancelled-by-staff': {
    purpose: 'confirmation',
    email: {
      subject: '{{company_name}} canceló su promesa de pago',
      body:
        '{{company_name}} canceló su promesa de pago{{#promise_amount}} de {{promise_amount}} para el {{promise_date}}{{/promise_amount}}. ' +
        'Lo que ya haya pagado sigue acreditado en su cuenta.\n\n' +
        'Lo que se adeuda hoy:\n\n{{invoice_list}}\n\nVolveremos a enviarle recordatorios por este saldo. Si cree que es un error o quiere ' +
        'acordar algo nuevo, comuníquese con {{company_name}}{{#company_phone}} al {{company_phone}}{{/company_phone}}.\n\n' +
        TRANSFER + '{{#portal_link}}Para pagar, prometer de nuevo o elegir un plan: {{portal_link}}{{/portal_link}}',
    },
    sms: '{{company_name}}: cancelamos su promesa de pagar {{promise_amount}}. Lo ya pagado sigue acreditado; {{total_due}} queda pendiente y vuelven los recordatorios. {{portal_link}}' + SMS_TRANSFER,
    whatsapp: '{{company_name}}: cancelamos su promesa de pagar {{promise_amount}}. Lo que ya pagó sigue acreditado; el saldo de {{total_due}} queda pendiente y volveremos a enviarle recordatorios. Para pagar, prometer de nuevo o elegir un plan: {{portal_link}}',
    voice: CALL + '. Cancelamos su promesa de pago{{#promise_amount}} de {{promise_amount}}{{/promise_amount}}. Lo que ya pagó sigue acreditado. El saldo de {{total_due}} queda pendiente y volveremos a enviarle recordatorios.',
  },
  'portal-plan-cancelled-by-staff': {
    purpose: 'confirmation',
    email: {
      subject: '{{company_name}} canceló su plan de pagos',
      body:
        '{{company_name}} canceló el plan de pagos que tenía con usted. Los pagos que hizo con el plan siguen pagados.\n\n' +
        'Lo que vuelve a estar pendiente:\n\n{{invoice_list}}\n\nVolveremos a enviarle recordatorios por este saldo. Si cree que es un error o quiere ' +
        'acordar un plan nuevo, comuníquese con {{company_name}}{{#company_phone}} al {{company_phone}}{{/company_phone}}.\n\n' +
        TRANSFER + '{{#portal_link}}Para pagar, hacer una promesa o elegir otro plan: {{portal_link}}{{/portal_link}}',
    },
    sms: '{{company_name}}: cancelamos su plan de pagos. Lo pagado con el plan sigue pagado; {{total_due}} queda pendiente y vuelven los recordatorios. {{portal_link}}' + SMS_TRANSFER,
    whatsapp: '{{company_name}}: cancelamos su plan de pagos. Los pagos que hizo con el plan siguen pagados; el saldo de {{total_due}} vuelve a estar pendiente y volveremos a enviarle recordatorios. Para pagar, prometer o elegir otro plan: {{portal_link}}',
    voice: CALL + '. Cancelamos su plan de pagos. Los pagos que hizo con el plan siguen pagados. El saldo de {{total_due}} vuelve a estar pendiente y volveremos a enviarle recordatorios.',
  },
};

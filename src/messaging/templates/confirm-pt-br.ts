// Confirmações em português do Brasil do que o devedor combinou ou cancelou no portal, ou combinou com a equipe da empresa, e do que a empresa cancelou.
import type { TemplateEntry } from './types.ts';

const SEE_IT = '{{#portal_link}}Para ver, pagar ou alterar: {{portal_link}}{{/portal_link}}';
/** The org's bank transfer details in the currency owed, as the step templates carry them (empty, so hidden, without an account in it). */
const TRANSFER = '{{#bank_transfer}}Para pagar por transferência bancária, informe a referência abaixo para que possamos identificar seu pagamento na hora:\n\n{{bank_transfer}}\n\n{{/bank_transfer}}';
/** In an SMS, one line after the portal link, only when the message stays within three segments with it (src/messaging/render.ts). */
const SMS_TRANSFER = '{{#bank_transfer}} {{bank_transfer}}.{{/bank_transfer}}';
/** A call's opening: who calls and for whom (the confirmation follows; the menu offers its details by SMS). */
const CALL = 'Olá, esta é uma ligação automática de {{company_name}} para {{customer_name}}';

export const CONFIRM_PT_BR: Readonly<Record<string, TemplateEntry>> = {
  'portal-promise-confirmed': {
    purpose: 'confirmation',
    email: {
      subject: 'Sua promessa de pagar {{promise_amount}} até {{promise_date}}',
      body:
        'Obrigado. Confirmamos a promessa de pagamento que você {{^arranged_with_us}}fez na sua página de conta com{{/arranged_with_us}}{{#arranged_with_us}}combinou com{{/arranged_with_us}} {{company_name}}' +
        '{{#arrangement_changed}}, que substitui a que você tinha feito antes{{/arrangement_changed}}: ' +
        'você pagará {{promise_amount}} até {{promise_date}}.\n\nO que está em aberto hoje:\n\n{{invoice_list}}\n\n' +
        'Até essa data não enviaremos lembretes sobre esse saldo. Se o pagamento não chegar até lá, ' +
        'a promessa será considerada não cumprida e os lembretes voltarão.\n\n' + TRANSFER + SEE_IT,
    },
    sms: '{{company_name}}: registramos sua promessa de pagar {{promise_amount}} até {{promise_date}}. Sem o pagamento, os lembretes voltam. Detalhes: {{portal_link}}' + SMS_TRANSFER,
    whatsapp: '{{company_name}}: confirmamos sua promessa de pagar {{promise_amount}} até {{promise_date}}. Até essa data não enviaremos lembretes; se não houver pagamento até lá, eles voltam. Para ver, pagar ou alterar: {{portal_link}}',
    voice: CALL + ', para confirmar a promessa de pagamento que você {{^arranged_with_us}}fez na sua página de conta{{/arranged_with_us}}{{#arranged_with_us}}combinou com a gente{{/arranged_with_us}}{{#arrangement_changed}}, que substitui a anterior{{/arrangement_changed}}: você vai pagar {{promise_amount}} até {{promise_date}}. Até essa data não enviaremos lembretes. Se não houver pagamento até lá, os lembretes voltam.',
  },
  'portal-extension-confirmed': {
    purpose: 'confirmation',
    email: {
      subject: 'Prazo adicional combinado: {{promise_amount}} até {{promise_date}}',
      body:
        'Confirmamos o prazo adicional que você {{^arranged_with_us}}pediu na sua página de conta com{{/arranged_with_us}}{{#arranged_with_us}}combinou com{{/arranged_with_us}} {{company_name}}' +
        '{{#arrangement_changed}} (ele substitui sua promessa anterior){{/arrangement_changed}}: ' +
        'o saldo de {{promise_amount}} agora vence em {{promise_date}}.\n\n{{invoice_list}}\n\n' +
        'Até essa data não enviaremos lembretes sobre esse saldo. Se não for pago até lá, ' +
        'o prazo termina e os lembretes voltam.\n\n' + TRANSFER + SEE_IT,
    },
    sms: '{{company_name}}: novo prazo. {{promise_amount}} vence em {{promise_date}}; sem o pagamento, os lembretes voltam. {{portal_link}}' + SMS_TRANSFER,
    whatsapp: '{{company_name}}: confirmamos o prazo adicional. {{promise_amount}} agora vence em {{promise_date}}. Até essa data não enviaremos lembretes; se não houver pagamento até lá, eles voltam. Para ver, pagar ou alterar: {{portal_link}}',
    voice: CALL + ', para confirmar o prazo adicional que você {{^arranged_with_us}}pediu na sua página de conta{{/arranged_with_us}}{{#arranged_with_us}}combinou com a gente{{/arranged_with_us}}: o saldo de {{promise_amount}} agora vence até {{promise_date}}. Até essa data não enviaremos lembretes. Se não houver pagamento até lá, os lembretes voltam.',
  },
  'portal-plan-confirmed': {
    purpose: 'confirmation',
    email: {
      subject: 'Seu parcelamento com {{company_name}}: {{plan_instalment_count}} parcelas a partir de {{plan_first_date}}',
      body:
        'Obrigado. Confirmamos o parcelamento que você {{^arranged_with_us}}escolheu na sua página de conta{{/arranged_with_us}}{{#arranged_with_us}}combinou com {{company_name}}{{/arranged_with_us}}' +
        '{{#arrangement_changed}}, que substitui sua promessa anterior{{/arrangement_changed}}: ' +
        '{{plan_total}} em {{plan_instalment_count}} parcelas, de {{plan_first_date}} a {{plan_last_date}}.\n\n{{plan_schedule}}\n\n' +
        'Vamos lembrar você alguns dias antes de cada parcela. Se uma parcela não for paga, o parcelamento termina: o que você já pagou continua pago, ' +
        'o restante do saldo volta a vencer e os lembretes voltam.\n\n' + TRANSFER + SEE_IT,
    },
    sms: '{{company_name}}: parcelamento combinado em {{plan_instalment_count}} parcelas, {{plan_total}} no total, de {{plan_first_date}} a {{plan_last_date}}. Parcela não paga encerra o acordo. Datas: {{portal_link}}' + SMS_TRANSFER,
    whatsapp: '{{company_name}}: confirmamos seu parcelamento em {{plan_instalment_count}} parcelas, {{plan_total}} no total, de {{plan_first_date}} a {{plan_last_date}}. Vamos lembrar você alguns dias antes de cada parcela; uma parcela não paga encerra o acordo. Datas e valores de cada parcela: {{portal_link}}',
    voice: CALL + ', para confirmar o seu parcelamento{{#arrangement_changed}}, que substitui a sua promessa anterior{{/arrangement_changed}}: {{plan_total}} em {{plan_instalment_count}} parcelas. Você vai pagar {{plan_schedule}}. Vamos lembrar você alguns dias antes de cada parcela. Se uma parcela não for paga, o parcelamento termina e o restante do saldo volta a ficar em aberto.',
  },
  'portal-promise-cancelled': {
    purpose: 'confirmation',
    email: {
      subject: 'Sua promessa de pagamento foi cancelada',
      body:
        'Como você pediu na sua página de conta com {{company_name}}, sua promessa de pagamento' +
        '{{#promise_amount}} de {{promise_amount}} até {{promise_date}}{{/promise_amount}} foi cancelada.\n\n' +
        'O saldo volta a estar em aberto:\n\n{{invoice_list}}\n\nOs lembretes vão voltar.\n\n' +
        TRANSFER + '{{#portal_link}}Você pode pagar, fazer uma nova promessa ou escolher um parcelamento aqui: {{portal_link}}{{/portal_link}}',
    },
    sms: '{{company_name}}: cancelamos sua promessa de {{promise_amount}}, como pediu. {{total_due}} fica em aberto de novo e os lembretes voltam. {{portal_link}}' + SMS_TRANSFER,
    whatsapp: '{{company_name}}: sua promessa de pagar {{promise_amount}} foi cancelada, como você pediu. {{total_due}} fica em aberto de novo e os lembretes voltam. Para pagar, prometer de novo ou escolher um parcelamento: {{portal_link}}',
    voice: CALL + ', para confirmar que a sua promessa de pagamento{{#promise_amount}} de {{promise_amount}}{{/promise_amount}} foi cancelada, como você pediu. O saldo de {{total_due}} fica em aberto de novo e os lembretes voltam.',
  },
  'portal-plan-cancelled': {
    purpose: 'confirmation',
    email: {
      subject: 'Seu parcelamento foi cancelado',
      body:
        'Como você pediu na sua página de conta com {{company_name}}, seu parcelamento foi cancelado. O que você pagou nele continua pago.\n\n' +
        'O que volta a estar em aberto:\n\n{{invoice_list}}\n\nOs lembretes vão voltar.\n\n' +
        TRANSFER + '{{#portal_link}}Você pode pagar, fazer uma promessa ou escolher outro parcelamento aqui: {{portal_link}}{{/portal_link}}',
    },
    sms: '{{company_name}}: cancelamos seu parcelamento, como pediu. O que foi pago continua pago; {{total_due}} fica em aberto de novo e os lembretes voltam. {{portal_link}}' + SMS_TRANSFER,
    whatsapp: '{{company_name}}: seu parcelamento foi cancelado, como você pediu. O que você pagou nele continua pago; {{total_due}} fica em aberto de novo e os lembretes voltam. Para pagar, prometer ou escolher outro parcelamento: {{portal_link}}',
    voice: CALL + ', para confirmar que o seu parcelamento foi cancelado, como você pediu. O que você pagou nele continua pago. O saldo de {{total_due}} fica em aberto de novo e os lembretes voltam.',
  },
  // cancelado pela empresa (API, CLI ou aplicativo web): quem cancelou, o que continua pago e que os lembretes voltam
  'portal-promise-cancelled-by-staff': {
    purpose: 'confirmation',
    email: {
      subject: '{{company_name}} cancelou sua promessa de pagamento',
      body:
        '{{company_name}} cancelou sua promessa de pagamento{{#promise_amount}} de {{promise_amount}} até {{promise_date}}{{/promise_amount}}. ' +
        'O que você já pagou continua creditado na sua conta.\n\n' +
        'O que está em aberto hoje:\n\n{{invoice_list}}\n\nVocê voltará a receber lembretes sobre esse saldo. Se acha que houve um engano ou quer ' +
        'combinar algo novo, fale com {{company_name}}{{#company_phone}} pelo {{company_phone}}{{/company_phone}}.\n\n' +
        TRANSFER + '{{#portal_link}}Para pagar, prometer de novo ou escolher um parcelamento: {{portal_link}}{{/portal_link}}',
    },
    sms: '{{company_name}}: cancelamos sua promessa de pagar {{promise_amount}}. O que já foi pago continua creditado; {{total_due}} fica em aberto e os lembretes voltam. {{portal_link}}' + SMS_TRANSFER,
    whatsapp: '{{company_name}}: cancelamos sua promessa de pagar {{promise_amount}}. O que você já pagou continua creditado; o saldo de {{total_due}} fica em aberto e você voltará a receber lembretes. Para pagar, prometer de novo ou escolher um parcelamento: {{portal_link}}',
    voice: CALL + '. Cancelamos a sua promessa de pagamento{{#promise_amount}} de {{promise_amount}}{{/promise_amount}}. O que você já pagou continua creditado. O saldo de {{total_due}} fica em aberto e você voltará a receber lembretes.',
  },
  'portal-plan-cancelled-by-staff': {
    purpose: 'confirmation',
    email: {
      subject: '{{company_name}} cancelou seu parcelamento',
      body:
        '{{company_name}} cancelou o parcelamento combinado com você. As parcelas que você pagou continuam pagas.\n\n' +
        'O que volta a ficar em aberto:\n\n{{invoice_list}}\n\nVocê voltará a receber lembretes sobre esse saldo. Se acha que houve um engano ou quer ' +
        'combinar um novo parcelamento, fale com {{company_name}}{{#company_phone}} pelo {{company_phone}}{{/company_phone}}.\n\n' +
        TRANSFER + '{{#portal_link}}Para pagar, fazer uma promessa ou escolher outro parcelamento: {{portal_link}}{{/portal_link}}',
    },
    sms: '{{company_name}}: cancelamos seu parcelamento. As parcelas pagas continuam pagas; {{total_due}} volta a ficar em aberto e os lembretes voltam. {{portal_link}}' + SMS_TRANSFER,
    whatsapp: '{{company_name}}: cancelamos seu parcelamento. As parcelas que você pagou continuam pagas; o saldo de {{total_due}} volta a ficar em aberto e você voltará a receber lembretes. Para pagar, prometer ou escolher outro parcelamento: {{portal_link}}',
    voice: CALL + '. Cancelamos o seu parcelamento. As parcelas que você pagou continuam pagas. O saldo de {{total_due}} volta a ficar em aberto e você voltará a receber lembretes.',
  },
};

// Portuguese (Brazil) texts for every template the default strategies use, on each channel they send it on.
import type { LanguagePack } from './types.ts';
import { CONFIRM_PT_BR } from './confirm-pt-br.ts';

/**
 * The org's bank transfer details in an email, after the payment link; hidden (nothing at all) without an account in the
 * invoices' currency.
 */
const BANK_TRANSFER = '{{#bank_transfer}}Você também pode pagar por transferência bancária. Informe a referência abaixo para que possamos identificar seu pagamento na hora:\n\n{{bank_transfer}}\n\n{{/bank_transfer}}';
/**
 * Its one line in an SMS, after the payment link. These SMS go as UCS-2 (ã, ç), 67 characters a segment: the renderer
 * writes the natural line, else a compact one, else none, whichever keeps the message within three segments.
 */
const SMS_BANK_TRANSFER = '{{#bank_transfer}} {{bank_transfer}}.{{/bank_transfer}}';

export const PT_BR: LanguagePack = {
  language: 'pt-BR',
  metaLanguage: 'pt_BR',
  sayLanguage: 'pt-BR',
  greeting: {
    friendly: 'Olá, {{contact_name}}!',
    neutral: 'Bom dia, {{contact_name}}.',
    formal: 'Prezado(a) {{contact_name}},',
    firm: 'A/C {{customer_name}}:',
  },
  closing: {
    friendly: 'Muito obrigado!\n{{company_name}}',
    neutral: 'Atenciosamente,\n{{company_name}}',
    formal: 'Cordialmente,\n{{company_name}} — Contas a receber',
    firm: '{{company_name}} — Cobrança',
  },
  smsOptOut: 'Responda SAIR para não receber mais.',
  disclosures: {
    usCollector: 'Esta comunicação é de um cobrador de dívidas. Esta é uma tentativa de cobrar uma dívida, e qualquer informação obtida será usada para esse fim.',
    brSupplier: 'Credor: {{company_name}}, {{company_address}}, CNPJ/CPF {{company_tax_id}}.',
  },
  emailFooter:
    '{{company_name}}{{#company_address}} · {{company_address}}{{/company_address}}{{#company_tax_id}} · CNPJ/CPF {{company_tax_id}}{{/company_tax_id}}' +
    '{{#company_email}} · {{company_email}}{{/company_email}}{{#company_phone}} · {{company_phone}}{{/company_phone}}\n\n' +
    '{{#legal_footer}}{{legal_footer}}\n\n{{/legal_footer}}' +
    'Você recebe este e-mail por causa da sua conta com {{company_name}}. Para não receber mais estes e-mails: {{unsubscribe_link}}',
  invoiceTable: { number: 'Fatura', dueDate: 'Vencimento', balance: 'Valor em aberto', total: 'Total' },
  invoiceLine: 'Fatura {{number}}, vencimento em {{due_date}}: {{balance}}',
  payButton: 'Pagar agora',
  voice: {
    fallback:
      'Olá, esta é uma ligação automática de {{company_name}} para {{customer_name}}. ' +
      '{{#overdue}}Sua conta tem {{total_due}} em atraso, há {{days_overdue}} dias do vencimento.{{/overdue}}' +
      '{{^overdue}}Você tem {{total_due}} com vencimento em {{oldest_due_date}}.{{/overdue}}',
    menu: 'Para receber o link de pagamento por SMS, digite 1. Para falar com uma pessoa, digite 2.',
    noInput: 'Não recebemos nenhuma opção. Você pode nos ligar quando quiser. Até logo.',
    linkSent: 'Obrigado. Estamos enviando agora o link de pagamento por SMS. Até logo.',
    transfer: 'Aguarde um momento, vamos transferir você para alguém da nossa equipe.',
    invalid: 'Desculpe, essa opção não existe.',
    detailsMenu: 'Para receber estes dados por SMS, digite 1. Para falar com uma pessoa, digite 2.',
    detailsSent: 'Obrigado. Estamos enviando agora estes dados por SMS. Até logo.',
  },
  templates: {
    'upcoming-reminder': {
      email: {
        subject: '{{#several}}Suas faturas vencem{{/several}}{{^several}}A fatura {{invoice_numbers}} vence{{/several}} em {{oldest_due_date}}',
        body:
          'Só para lembrar: {{total_due}} vence em {{oldest_due_date}}, daqui a {{days_until_due}} dias.\n\n{{invoice_list}}\n\n' +
          '{{#payment_link}}Você pode pagar on-line quando for melhor para você: {{payment_link}}\n\n{{/payment_link}}' + BANK_TRANSFER +
          'Se o pagamento já está agendado, obrigado, e pode desconsiderar esta mensagem.',
      },
      sms: '{{company_name}}: {{total_due}} vence em {{oldest_due_date}} ({{invoice_numbers}}).{{#payment_link}} Pague em {{payment_link}}{{/payment_link}}' + SMS_BANK_TRANSFER,
      whatsapp: '{{greeting}} Um lembrete de {{company_name}}: {{total_due}} da(s) fatura(s) {{invoice_numbers}} vence em {{oldest_due_date}}. Obrigado.',
    },
    'due-today': {
      email: {
        subject: 'Vence hoje: {{total_due}} para {{company_name}}',
        body:
          'Hoje é o vencimento {{#several}}destas faturas{{/several}}{{^several}}desta fatura{{/several}}:\n\n{{invoice_list}}\n\n' +
          '{{#payment_link}}Pagar leva um minuto: {{payment_link}}\n\n{{/payment_link}}' + BANK_TRANSFER +
          '{{#portal_link}}Você também pode ver sua conta, prometer uma data ou pedir um parcelamento aqui: {{portal_link}}\n\n{{/portal_link}}' +
          'Se o pagamento já está a caminho, obrigado.',
      },
      sms: '{{company_name}}: {{total_due}} ({{invoice_numbers}}) vence hoje.{{#payment_link}} Pague em {{payment_link}}{{/payment_link}}' + SMS_BANK_TRANSFER,
      whatsapp: '{{greeting}} Hoje vence o pagamento de {{total_due}} da(s) fatura(s) {{invoice_numbers}} com {{company_name}}. Pague aqui: {{payment_link}} Obrigado.',
    },
    'overdue-formal': {
      email: {
        subject: 'Saldo em atraso de {{total_due}}: {{company_name}}',
        body:
          'Segundo nossos registros, {{#several}}as faturas abaixo continuam{{/several}}{{^several}}a fatura abaixo continua{{/several}} ' +
          'em aberto {{days_overdue}} dias após o vencimento:\n\n{{invoice_list}}\n\n' +
          'Agradecemos a regularização do saldo de {{total_due}} o quanto antes.' +
          '{{#payment_link}} Você pode pagar com segurança aqui: {{payment_link}}{{/payment_link}}\n\n' + BANK_TRANSFER +
          'Se acredita que há um erro, ou se o pagamento já foi feito, responda a este e-mail para atualizarmos nossos registros.',
      },
    },
    'overdue-late-fee-warning': {
      email: {
        subject: 'Ação necessária: {{total_due}} em atraso, pode haver multa',
        body:
          '{{total_due}} está com {{days_overdue}} dias de atraso:\n\n{{invoice_list}}\n\n' +
          'Conforme as condições de pagamento combinadas, {{#late_fee}}uma multa de {{late_fee}}{{/late_fee}}{{^late_fee}}uma multa por atraso{{/late_fee}} ' +
          'pode ser cobrada se o saldo continuar em aberto.{{#payment_link}} Para evitar, pague aqui: {{payment_link}}{{/payment_link}}\n\n' + BANK_TRANSFER +
          '{{#portal_link}}Se não puder pagar tudo, proponha uma data ou um parcelamento: {{portal_link}}\n\n{{/portal_link}}' +
          'Em caso de dúvidas sobre estas faturas, responda a este e-mail.',
      },
      sms: '{{company_name}}: {{total_due}} está com {{days_overdue}} dias de atraso; pode haver multa.{{#payment_link}} Pague em {{payment_link}}{{/payment_link}}' + SMS_BANK_TRANSFER,
      whatsapp: '{{greeting}} O saldo de {{total_due}} da(s) fatura(s) {{invoice_numbers}} com {{company_name}} está com {{days_overdue}} dias de atraso e, conforme as condições combinadas, pode haver multa. Pague aqui: {{payment_link}} Obrigado.',
    },
    'promise-broken': {
      email: {
        subject: 'Não recebemos o pagamento prometido para {{promise_date}}',
        body:
          '{{#promise_amount}}Você nos disse que pagaria {{promise_amount}} até {{promise_date}}, e ainda não recebemos.{{/promise_amount}}' +
          '{{^promise_amount}}Ainda não recebemos o pagamento prometido.{{/promise_amount}} O saldo continua em aberto:\n\n{{invoice_list}}\n\n' +
          '{{#payment_link}}Por favor, pague o quanto antes aqui: {{payment_link}}\n\n{{/payment_link}}' + BANK_TRANSFER +
          '{{#portal_link}}Se algo mudou, informe uma nova data ou escolha um parcelamento: {{portal_link}}\n\n{{/portal_link}}' +
          'Se já pagou, responda com os dados do pagamento para podermos identificá-lo.',
      },
      sms: '{{company_name}}: não recebemos o pagamento prometido para {{promise_date}}. Saldo: {{total_due}}.{{#payment_link}} Pague em {{payment_link}}{{/payment_link}}' + SMS_BANK_TRANSFER,
      whatsapp: '{{greeting}} Não recebemos o pagamento prometido para {{promise_date}}. O saldo com {{company_name}} é de {{total_due}}. Pague aqui: {{payment_link}} Se algo mudou, responda esta mensagem.',
    },
    'instalment-missed': {
      email: {
        subject: 'A parcela {{instalment_number}} do seu parcelamento está em aberto',
        body:
          'Não recebemos a parcela de {{instalment_amount}} com vencimento em {{instalment_due_date}} do seu parcelamento.\n\n' +
          '{{#payment_link}}Pague aqui para manter o parcelamento ativo: {{payment_link}}\n\n{{/payment_link}}' + BANK_TRANSFER +
          'Se o parcelamento não funciona mais para você, responda a este e-mail e vamos rever juntos.',
      },
      sms: '{{company_name}}: a parcela de {{instalment_amount}} do seu parcelamento, vencida em {{instalment_due_date}}, está em aberto.{{#payment_link}} Pague em {{payment_link}}{{/payment_link}}' + SMS_BANK_TRANSFER,
    },
    'instalment-reminder': {
      email: {
        subject: 'A parcela {{instalment_number}} do seu parcelamento vence em {{instalment_due_date}}',
        body:
          'Um lembrete sobre o seu parcelamento com {{company_name}}: a parcela {{instalment_number}}, de {{instalment_amount}}, vence em {{instalment_due_date}}.\n\n' +
          '{{#payment_link}}Se preferir, você já pode pagá-la: {{payment_link}}\n\n{{/payment_link}}' + BANK_TRANSFER +
          'Obrigado por manter o parcelamento em dia. Se algo mudou, responda a este e-mail antes da data.',
      },
      sms: '{{company_name}}: a parcela {{instalment_number}} do seu parcelamento, de {{instalment_amount}}, vence em {{instalment_due_date}}.{{#payment_link}} Pague em {{payment_link}}{{/payment_link}}' + SMS_BANK_TRANSFER,
      whatsapp: '{{greeting}} um lembrete de {{company_name}}: a parcela {{instalment_number}} do seu parcelamento, de {{instalment_amount}}, vence em {{instalment_due_date}}. Você pode pagar aqui: {{payment_link}} Obrigado.',
    },
    'overdue-nudge': {
      sms: '{{company_name}}: {{total_due}} ({{invoice_numbers}}) está com {{days_overdue}} dias de atraso.{{#payment_link}} Pague em {{payment_link}}{{/payment_link}}' + SMS_BANK_TRANSFER,
      whatsapp: '{{greeting}} Um aviso rápido de {{company_name}}: {{total_due}} da(s) fatura(s) {{invoice_numbers}} está com {{days_overdue}} dias de atraso. Pague aqui: {{payment_link}} Obrigado.',
    },
    'final-notice': {
      email: {
        subject: 'Último aviso: {{total_due}} em atraso com {{company_name}}',
        body:
          'Apesar das nossas mensagens anteriores, o saldo abaixo está com {{days_overdue}} dias de atraso:\n\n{{invoice_list}}\n\n' +
          'Pedimos que pague {{total_due}}{{#deadline}} até {{deadline}}{{/deadline}}, ou fale conosco para combinar um parcelamento. ' +
          'Caso contrário, a conta poderá seguir para outras medidas de cobrança.\n\n' +
          '{{#payment_link}}Pague aqui: {{payment_link}}\n\n{{/payment_link}}' + BANK_TRANSFER +
          '{{#portal_link}}Proponha uma data ou um parcelamento: {{portal_link}}\n\n{{/portal_link}}' +
          'Se não reconhece esta dívida, responda a este e-mail e explique o motivo.',
      },
      sms: 'Último aviso de {{company_name}}: {{total_due}} está com {{days_overdue}} dias de atraso. Pague ou fale conosco.{{#payment_link}} {{payment_link}}{{/payment_link}}' + SMS_BANK_TRANSFER,
    },
    'gentle-reminder': {
      email: {
        subject: 'Um pequeno lembrete sobre {{#several}}suas faturas{{/several}}{{^several}}a fatura {{invoice_numbers}}{{/several}}',
        body:
          'Parece que {{total_due}} passou do vencimento em {{oldest_due_date}}. Acontece!\n\n{{invoice_list}}\n\n' +
          '{{#payment_link}}Quando tiver um minuto: {{payment_link}}\n\n{{/payment_link}}' + BANK_TRANSFER +
          'Se já pagou, obrigado, e desculpe o incômodo.',
      },
    },
    'gentle-follow-up': {
      email: {
        subject: 'Retomando: {{total_due}} com {{company_name}}',
        body:
          'Retomando nossa última mensagem: {{total_due}} continua em aberto, {{days_overdue}} dias após o vencimento.\n\n{{invoice_list}}\n\n' +
          '{{#payment_link}}Você pode pagar aqui: {{payment_link}}\n\n{{/payment_link}}' + BANK_TRANSFER +
          'Se algo está travando o pagamento, como um pedido de compra faltando ou uma dúvida sobre a fatura, é só responder que resolvemos.',
      },
    },
    'promise-reminder': {
      email: {
        subject: 'Sobre o pagamento previsto para {{promise_date}}',
        body:
          '{{#promise_amount}}Anotamos que {{promise_amount}} chegaria até {{promise_date}}, mas ainda não vimos o pagamento.{{/promise_amount}}' +
          '{{^promise_amount}}Ainda não vimos o pagamento que esperávamos.{{/promise_amount}} Sem problema se já estiver a caminho.\n\n{{invoice_list}}\n\n' +
          '{{#payment_link}}Para pagar agora: {{payment_link}}\n\n{{/payment_link}}' + BANK_TRANSFER +
          '{{#portal_link}}Ou escolha uma nova data: {{portal_link}}\n\n{{/portal_link}}' +
          'Obrigado por nos manter informados.',
      },
    },
    ...CONFIRM_PT_BR,
  },
};

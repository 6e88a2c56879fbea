// As respostas do agente em português do Brasil: curtas, claras, cordiais.
import type { PlanWords, ReplyTexts } from './types.ts';

const down = (p: PlanWords) => (p.down ? ` depois de uma entrada de ${p.down} hoje` : '');
const plan = (p: PlanWords) => `${p.count} pagamentos ${p.frequency} de ${p.instalment}${down(p)}, de ${p.first} a ${p.last}`;
const list = (ps: PlanWords[]) => ps.map((p) => `${p.count} pagamentos ${p.frequency} de ${p.instalment}${down(p)}`).join('; ');

export const PT: ReplyTexts = {
  intro: (w) => `Olá, aqui é o assistente automático da ${w.company}.`,
  signoff: '(assistente automático)',
  frequency: { weekly: 'semanais', biweekly: 'quinzenais', monthly: 'mensais' },
  option: (p) => plan(p),
  texts: {
    link: (w) => `Você pode pagar ${w.total} aqui: {{payment_link}}`,
    balance: (w) => `Seu saldo é de ${w.total} em ${w.count} fatura${w.count === 1 ? '' : 's'}; a mais antiga venceu em ${w.oldest}. Você pode pagar aqui: {{payment_link}}`,
    balance_not_due: (w) => `Você tem ${w.total} a pagar em ${w.count} fatura${w.count === 1 ? '' : 's'}, nada vencido; a próxima vence em ${w.date}. Você pode pagar aqui: {{payment_link}}`,
    nothing_owed: () => 'Sua conta não tem saldo em aberto. Obrigado!',
    paid_thanks: () => 'Obrigado! Seu pagamento está registrado: sua conta não tem saldo em aberto.',
    promise_confirmed: (w) => `Pronto: registrei seu compromisso de pagar ${w.amount} até ${w.date}. Não enviaremos lembretes antes dessa data. Você pode pagar aqui: {{portal_link}}`,
    promise_ask_date: (w) => `Em que dia você vai pagar? Posso registrar uma data até ${w.latest}.`,
    promise_ask_amount: (w) => `Quanto você vai pagar em ${w.date}? Seu saldo é de ${w.total}: responda com o valor, ou TUDO.`,
    promise_date_too_far: (w) => `Só posso registrar um compromisso até ${w.latest}. Em que dia até lá você consegue pagar?`,
    promise_amount_too_small: (w) => `O menor pagamento que posso registrar como compromisso é ${w.min} (seu saldo é de ${w.total}). Se precisar pagar em partes, peça o parcelamento.`,
    declined: () => 'Entendido. Diga o que funciona para você: um dia para pagar, parcelar ou falar com uma pessoa.',
    plan_options: (w) => `Você pode parcelar: ${list(w.options)}. Responda com o número de pagamentos que prefere.`,
    plan_offer: (w) => `Posso fazer ${plan(w.plan!)}. Responda SIM para confirmar.`,
    plan_refused: (w) => `Não posso fazer ${w.asked} pagamentos; o máximo é ${plan(w.plan!)}. Responda SIM para confirmar.`,
    plan_created: (w) => `Pronto: seu parcelamento está registrado: ${plan(w.plan!)}. Você pode pagar aqui: {{portal_link}}`,
    extension_granted: (w) => `Pronto: você tem até ${w.date} para pagar ${w.amount}. Não enviaremos lembretes antes dessa data.`,
    extension_offer: (w) => `Posso dar até ${w.days} dias a mais, até ${w.date}. Responda SIM para aceitar.`,
    extension_refused: (w) => `Não posso dar ${w.asked} dias; o máximo são ${w.days} dias, até ${w.date}. Responda SIM para aceitar.`,
    extension_none_left: (w) => `Não posso dar mais prazo nesta conta, mas você pode parcelar: ${list(w.options)}. Responda com o número de pagamentos que prefere.`,
    payment_claim: () => 'Obrigado. Por favor responda com o comprovante do pagamento (o recibo ou o código da transferência) para conferirmos.',
    proof_received: () => 'Obrigado, encaminhei para conferência. Avisaremos você.',
    receipt_received: (w) => `Recebemos seu comprovante. Vamos conferir e confirmar${w.date ? `; pausamos os lembretes até ${w.date}` : ''}.`,
    file_thanks: () => 'Obrigado, recebemos seu arquivo e o guardamos com sua conta. Não há pagamentos vencidos.',
    file_refused: () => 'Só conseguimos ler fotos e arquivos PDF. Por favor, envie o comprovante como foto ou em PDF.',
    dispute_opened: (w) => `Abri uma análise da sua contestação (${w.reference}). Não pediremos o pagamento dessas faturas enquanto uma pessoa analisa.`,
    handover: () => 'Encaminhei sua mensagem para uma pessoa da nossa equipe, que responderá em breve.',
    handover_care: () => 'Sinto muito pelo que você está passando. Encaminhei seu caso para uma pessoa da nossa equipe, que verá as opções com você.',
    clarify: () => 'Desculpe, não entendi. Você pode pedir o link de pagamento, dizer em que dia vai pagar, pedir parcelamento ou mais prazo, ou pedir para falar com uma pessoa.',
    greeting: () => 'Olá! Posso enviar o link de pagamento, registrar o dia em que você vai pagar ou parcelar. Como posso ajudar?',
  },
};

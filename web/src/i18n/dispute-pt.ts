// Palavras das disputas dos gateways na linha do tempo do caso.
import type { disputeEn } from './dispute-en.ts';

export const disputePt: { [K in keyof typeof disputeEn]: string } = {
  'tl.kind.payment_dispute_opened': 'Disputa no gateway', 'tl.kind.payment_dispute_escalated': 'A disputa virou chargeback',
  'tl.kind.payment_dispute_closed': 'Disputa no gateway encerrada',
  'tl.d.chargeback': 'Chargeback em {gateway}, disputa {id}: {amount} retidos em {payments}.',
  'tl.d.notTaken': 'Chargeback em {gateway}, disputa {id}: {amount} em disputa em {payments}, ainda não debitados.',
  'tl.d.inquiry': 'Consulta em {gateway}, disputa {id}: {amount} questionados em {payments}, nenhum valor retido.',
  'tl.d.fraud': 'Aviso de fraude em {gateway}, {id}: o emissor do cartão informou {payments} como fraude; nenhum valor debitado.',
  'tl.d.reason': 'Motivo: {reason}.', 'tl.d.due': 'Responder em {gateway} até {date}.', 'tl.d.noDeadline': '{gateway} não informa prazo.',
  'tl.d.won': 'Disputa {id} em {gateway} ganha: o valor retido do pagamento {payment} é registrado de novo.',
  'tl.d.closed': 'Disputa {id} em {gateway} encerrada: nenhum valor foi debitado do pagamento {payment}.',
  'tl.d.lost': 'Disputa {id} em {gateway} perdida: {amount} do pagamento {payment} continuam estornados.',
  'tl.d.issuerSilent': 'Disputa {id} em {gateway} resolvida a favor do lojista: o emissor do cartão não respondeu no prazo; nada foi debitado do pagamento {payment}.',
  'tl.d.issuerSilentHeld': 'Disputa {id} em {gateway} resolvida a favor do lojista: o emissor do cartão não respondeu no prazo; o valor retido do pagamento {payment} é registrado de novo.',
  'tl.d.taskDone': 'Tarefa de revisão concluída.',
  'tl.kind.payment_accept_requested': 'Pagamento a aceitar no PayPal',
  'tl.a.opened': 'O PayPal retém {amount} (captura {capture}) até que o lojista aja lá: {todo}; tarefa de revisão aberta, vence hoje. Lembretes suspensos no máximo até {date}.',
  'tl.a.accept': 'aceitar o pagamento no PayPal (suas preferências de recebimento, como uma moeda que a conta não tem, pedem isso manualmente)',
  'tl.a.withdrawal': 'aceitar ou recusar o pagamento internacional no PayPal',
  'tl.a.unilateral': 'preparar o PayPal para recebê-lo (confirmar o e-mail para o qual foi enviado) e depois aceitar o pagamento',
  'tl.a.verify': 'verificar a conta PayPal, o que libera o pagamento',
  'tl.a.account': 'configurar ou verificar a conta PayPal e depois aceitar o pagamento',
};

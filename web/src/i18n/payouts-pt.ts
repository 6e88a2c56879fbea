// Textos das transferências dos gateways na tela de conciliação.
import type { payoutsEn } from './payouts-en.ts';

export const payoutsPt: Record<keyof typeof payoutsEn, string> = {
  'payouts.title': 'Transferências dos gateways', 'payouts.payout': 'Transferência', 'payouts.amount': 'Valor', 'payouts.arrival': 'Chegada', 'payouts.status': 'Situação',
  'payouts.status.paid': 'Paga', 'payouts.status.failed': 'Falhou', 'payouts.status.canceled': 'Cancelada',
  'payouts.check': 'Conferência', 'payouts.showCheck': 'Ver conferência', 'payouts.closeCheck': 'Ocultar conferência', 'payouts.openCheck': 'Conferência de {id}',
  'payouts.checkOf': 'Conferência de {id}', 'payouts.gross': 'Bruto', 'payouts.fees': 'Tarifas', 'payouts.net': 'Líquido', 'payouts.difference': 'Sem explicação',
  'payouts.transactions': 'Movimentos', 'payouts.fetchFailed': 'A última leitura falhou: {error}', 'payouts.issues': 'Problemas',
  'payouts.result.balanced': 'Confere', 'payouts.result.review': 'Para revisar', 'payouts.result.not_fetched': 'Ainda não lida',
  'payouts.result.pending_reconciliation': 'O gateway ainda concilia', 'payouts.result.settled': 'Encerrada à mão',
  'payouts.settledBy': 'Encerrada à mão por {by} em {at}:', 'payouts.settleNeedsManager': 'Encerrar uma transferência à mão exige o papel de gerente ou administrador.',
  'payouts.settleNote': 'Nota: por que é encerrada', 'payouts.settleHint': 'O que conferiu e contra o quê (p. ex. o saldo da Stripe). Guardada e auditada.',
  'payouts.settle': 'Encerrar à mão',
};

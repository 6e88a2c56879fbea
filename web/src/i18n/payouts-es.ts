// Textos de los pagos de las pasarelas en la pantalla de conciliación.
import type { payoutsEn } from './payouts-en.ts';

export const payoutsEs: Record<keyof typeof payoutsEn, string> = {
  'payouts.title': 'Transferencias de pasarelas', 'payouts.payout': 'Transferencia', 'payouts.amount': 'Importe', 'payouts.arrival': 'Llegada', 'payouts.status': 'Estado',
  'payouts.status.paid': 'Pagada', 'payouts.status.failed': 'Fallida', 'payouts.status.canceled': 'Cancelada',
  'payouts.check': 'Revisión', 'payouts.showCheck': 'Ver revisión', 'payouts.closeCheck': 'Ocultar revisión', 'payouts.openCheck': 'Revisión de {id}',
  'payouts.checkOf': 'Revisión de {id}', 'payouts.gross': 'Bruto', 'payouts.fees': 'Comisiones', 'payouts.net': 'Neto', 'payouts.difference': 'Sin explicar',
  'payouts.transactions': 'Movimientos', 'payouts.fetchFailed': 'La última lectura falló: {error}', 'payouts.issues': 'Problemas',
  'payouts.result.balanced': 'Cuadra', 'payouts.result.review': 'Por revisar', 'payouts.result.not_fetched': 'Aún no leída',
  'payouts.result.pending_reconciliation': 'La pasarela aún concilia', 'payouts.result.settled': 'Cerrada a mano',
  'payouts.settledBy': 'Cerrada a mano por {by} el {at}:', 'payouts.settleNeedsManager': 'Cerrar una transferencia a mano requiere el rol de gerente o administrador.',
  'payouts.settleNote': 'Nota: por qué se cierra', 'payouts.settleHint': 'Qué revisó y contra qué (p. ej. el saldo de Stripe). Se guarda y se audita.',
  'payouts.settle': 'Cerrar a mano',
};

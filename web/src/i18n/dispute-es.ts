// Palabras de las disputas de las pasarelas en la línea de tiempo del caso.
import type { disputeEn } from './dispute-en.ts';

export const disputeEs: { [K in keyof typeof disputeEn]: string } = {
  'tl.kind.payment_dispute_opened': 'Disputa en la pasarela', 'tl.kind.payment_dispute_escalated': 'La disputa pasó a contracargo',
  'tl.kind.payment_dispute_closed': 'Disputa en la pasarela cerrada',
  'tl.d.chargeback': 'Contracargo en {gateway}, disputa {id}: {amount} retenidos en {payments}.',
  'tl.d.notTaken': 'Contracargo en {gateway}, disputa {id}: {amount} en disputa en {payments}, aún no descontados.',
  'tl.d.inquiry': 'Consulta en {gateway}, disputa {id}: {amount} cuestionados en {payments}, sin dinero retenido.',
  'tl.d.fraud': 'Aviso de fraude en {gateway}, {id}: el emisor de la tarjeta reportó {payments} como fraude; no se descontó dinero.',
  'tl.d.reason': 'Motivo: {reason}.', 'tl.d.due': 'Responder en {gateway} antes del {date}.', 'tl.d.noDeadline': '{gateway} no indica plazo.',
  'tl.d.won': 'Disputa {id} en {gateway} ganada: el dinero retenido del pago {payment} se registra de nuevo.',
  'tl.d.closed': 'Disputa {id} en {gateway} cerrada: no se descontó dinero del pago {payment}.',
  'tl.d.lost': 'Disputa {id} en {gateway} perdida: {amount} del pago {payment} quedan revertidos.',
  'tl.d.issuerSilent': 'Disputa {id} en {gateway} resuelta a favor del comercio: el emisor de la tarjeta no respondió a tiempo; no se descontó nada del pago {payment}.',
  'tl.d.issuerSilentHeld': 'Disputa {id} en {gateway} resuelta a favor del comercio: el emisor de la tarjeta no respondió a tiempo; el dinero retenido del pago {payment} se registra de nuevo.',
  'tl.d.taskDone': 'Tarea de revisión completada.',
  'tl.kind.payment_accept_requested': 'Pago a aceptar en PayPal',
  'tl.a.opened': 'PayPal retiene {amount} (captura {capture}) hasta que el comercio actúe allí: {todo}; tarea de revisión abierta, vence hoy. Recordatorios en pausa como mucho hasta el {date}.',
  'tl.a.accept': 'aceptar el pago en PayPal (sus preferencias de recepción, como una moneda que la cuenta no tiene, piden hacerlo a mano)',
  'tl.a.withdrawal': 'aceptar o rechazar el pago internacional en PayPal',
  'tl.a.unilateral': 'preparar PayPal para recibirlo (confirmar el correo al que se envió) y luego aceptar el pago',
  'tl.a.verify': 'verificar la cuenta de PayPal, lo que libera el pago',
  'tl.a.account': 'configurar o verificar la cuenta de PayPal y luego aceptar el pago',
};

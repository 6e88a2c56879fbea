// Texto en español de la pantalla de traspasos (se incorpora en es.ts; mismas claves que agent-en.ts).
import type { agentEn } from './agent-en.ts';

export const agentEs: Record<keyof typeof agentEn, string> = {
  'nav.handovers': 'Traspasos',
  'ho.title': 'Traspasos', 'ho.queue': 'Conversaciones pasadas a personas', 'ho.showAll': 'Mostrar también las terminadas',
  'ho.empty': 'Ninguna conversación espera a una persona.',
  'ho.summary': 'Resumen', 'ho.conversation': 'Conversación', 'ho.noConversation': 'Aún no hay nada escrito.', 'ho.case': 'Abrir el caso',
  'ho.closed': 'terminado', 'ho.yours': 'suyo', 'ho.takenBy': 'lo tiene otra persona', 'ho.untaken': 'nadie lo ha tomado',
  'ho.take': 'Tomarlo', 'ho.taken': 'Ya está en su lista de trabajo.', 'ho.handBack': 'Devolver al agente',
  'ho.handedBack': 'Devuelto: el agente contestará la próxima respuesta.',
  'ho.replyOn': 'Responder por {channel}', 'ho.send': 'Enviar la respuesta', 'ho.queued': 'En cola: el filtro de cumplimiento decide cuándo sale.',
  'ho.gateNote': 'Su respuesta pasa por el filtro de cumplimiento como cualquier mensaje: fuera del horario de contacto o tras una baja espera o se bloquea.',
  'ho.read': 'Leído como {intent} ({confidence} %)', 'ho.rightIntent': 'Intención correcta', 'ho.correct': 'Corregir',
  'ho.corrected': 'Corrección guardada como dato de entrenamiento.',
  'ho.by.debtor': 'Deudor', 'ho.by.agent': 'Agente', 'ho.by.person': 'Persona',
  'ho.status.queued': 'en cola', 'ho.status.sending': 'enviando', 'ho.status.sent': 'enviado', 'ho.status.delivered': 'entregado', 'ho.status.read': 'leído',
  'ho.status.failed': 'falló', 'ho.status.bounced': 'rebotó', 'ho.status.blocked': 'bloqueado por el filtro', 'ho.status.deferred': 'aplazado por el filtro',
  'ho.status.cancelled': 'cancelado',
  'ho.reason.talk_to_human': 'Pidió hablar con una persona', 'ho.reason.hardship': 'Dificultades económicas', 'ho.reason.vulnerability': 'Vulnerabilidad',
  'ho.reason.legal_threat': 'Amenaza legal', 'ho.reason.abuse': 'Insultos', 'ho.reason.low_confidence': 'No está claro qué quiso decir',
  'ho.reason.misunderstood': 'No se entendió dos veces', 'ho.reason.opt_out_unsure': 'Quizá una baja', 'ho.reason.active_plan': 'Tiene un plan activo',
  'ho.reason.no_option': 'Nada que el agente pueda ofrecer', 'ho.reason.action_failed': 'Una acción fue rechazada',
  'intent.request_link': 'pide el enlace de pago', 'intent.already_paid': 'dice que ya pagó', 'intent.promise_to_pay': 'promete pagar',
  'intent.request_plan': 'pide pagar en cuotas', 'intent.request_extension': 'pide más tiempo', 'intent.balance_inquiry': 'pregunta cuánto debe',
  'intent.dispute': 'disputa', 'intent.wrong_person': 'persona equivocada', 'intent.opt_out': 'pide la baja', 'intent.talk_to_human': 'pide una persona',
  'intent.hardship': 'dificultades', 'intent.greeting_thanks': 'saludo o gracias', 'intent.other': 'otra cosa',
  'stop.payment_claimed': 'pago declarado, en verificación',
};

// Las respuestas del agente en español (de usted, como escriben las empresas en América Latina): cortas, claras, amables.
import type { PlanWords, ReplyTexts } from './types.ts';

const down = (p: PlanWords) => (p.down ? ` después de un pago inicial de ${p.down} hoy` : '');
const plan = (p: PlanWords) => `${p.count} pagos ${p.frequency} de ${p.instalment}${down(p)}, del ${p.first} al ${p.last}`;
const list = (ps: PlanWords[]) => ps.map((p) => `${p.count} pagos ${p.frequency} de ${p.instalment}${down(p)}`).join('; ');

export const ES: ReplyTexts = {
  intro: (w) => `Hola, le escribe el asistente automático de ${w.company}.`,
  signoff: '(asistente automático)',
  frequency: { weekly: 'semanales', biweekly: 'quincenales', monthly: 'mensuales' },
  option: (p) => plan(p),
  texts: {
    link: (w) => `Puede pagar ${w.total} aquí: {{payment_link}}`,
    balance: (w) => `Su saldo es de ${w.total} en ${w.count} factura${w.count === 1 ? '' : 's'}; la más antigua venció el ${w.oldest}. Puede pagar aquí: {{payment_link}}`,
    balance_not_due: (w) => `Tiene ${w.total} por pagar en ${w.count} factura${w.count === 1 ? '' : 's'}, nada vencido; la próxima vence el ${w.date}. Puede pagar aquí: {{payment_link}}`,
    nothing_owed: () => 'Su cuenta no tiene saldo pendiente. ¡Gracias!',
    paid_thanks: () => '¡Gracias! Su pago está registrado: su cuenta no tiene saldo pendiente.',
    promise_confirmed: (w) => `Listo: registré su compromiso de pagar ${w.amount} a más tardar el ${w.date}. No le enviaremos recordatorios antes de esa fecha. Puede pagar aquí: {{portal_link}}`,
    promise_ask_date: (w) => `¿Qué día va a pagar? Puedo registrar una fecha hasta el ${w.latest}.`,
    promise_ask_amount: (w) => `¿Cuánto va a pagar el ${w.date}? Su saldo es de ${w.total}: responda con el monto, o TODO.`,
    promise_date_too_far: (w) => `Solo puedo registrar un compromiso hasta el ${w.latest}. ¿Qué día antes de esa fecha puede pagar?`,
    promise_amount_too_small: (w) => `El pago mínimo que puedo registrar como compromiso es ${w.min} (su saldo es de ${w.total}). Si necesita pagar en partes, pídame cuotas.`,
    declined: () => 'Entendido. Dígame qué le funciona: un día para pagar, pagar en cuotas o hablar con una persona.',
    plan_options: (w) => `Puede pagar en cuotas: ${list(w.options)}. Responda con el número de pagos que prefiere.`,
    plan_offer: (w) => `Puedo darle ${plan(w.plan!)}. Responda SÍ para confirmarlo.`,
    plan_refused: (w) => `No puedo darle ${w.asked} pagos; lo máximo es ${plan(w.plan!)}. Responda SÍ para confirmarlo.`,
    plan_created: (w) => `Listo: su plan quedó registrado: ${plan(w.plan!)}. Puede pagar aquí: {{portal_link}}`,
    extension_granted: (w) => `Listo: tiene hasta el ${w.date} para pagar ${w.amount}. No le enviaremos recordatorios antes de esa fecha.`,
    extension_offer: (w) => `Puedo darle hasta ${w.days} días más, hasta el ${w.date}. Responda SÍ para tomarlos.`,
    extension_refused: (w) => `No puedo darle ${w.asked} días; lo máximo son ${w.days} días, hasta el ${w.date}. Responda SÍ para tomarlos.`,
    extension_none_left: (w) => `No puedo darle más tiempo en esta cuenta, pero puede pagar en cuotas: ${list(w.options)}. Responda con el número de pagos que prefiere.`,
    payment_claim: () => 'Gracias. Por favor responda con el comprobante del pago (el recibo o la referencia de la transferencia) para que lo verifiquemos.',
    proof_received: () => 'Gracias, lo pasé para que lo verifiquen. Le avisaremos.',
    receipt_received: (w) => `Recibimos su comprobante. Lo vamos a verificar y le confirmaremos${w.date ? `; pausamos los recordatorios hasta el ${w.date}` : ''}.`,
    file_thanks: () => 'Gracias, recibimos su archivo y lo guardamos con su cuenta. No tiene pagos vencidos.',
    file_refused: () => 'Solo podemos leer fotos y archivos PDF. Por favor envíe el comprobante como foto o en PDF.',
    dispute_opened: (w) => `Abrí una revisión de su reclamo (${w.reference}). No le pediremos el pago de esas facturas mientras una persona lo revisa.`,
    handover: () => 'Pasé su mensaje a una persona de nuestro equipo, que le responderá pronto.',
    handover_care: () => 'Lamento lo que me cuenta. Pasé su caso a una persona de nuestro equipo, que verá las opciones con usted.',
    clarify: () => 'Disculpe, no le entendí. Puede pedirme el link de pago, decirme qué día va a pagar, pedir cuotas o más tiempo, o pedir hablar con una persona.',
    greeting: () => '¡Hola! Puedo enviarle el link de pago, registrar el día en que va a pagar o darle cuotas. ¿En qué le ayudo?',
  },
};

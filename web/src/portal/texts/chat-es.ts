// Las palabras del chat del portal en español (de usted).
import type { chatEn } from './chat-en.ts';

export const chatEs: Record<keyof typeof chatEn, string> = {
  'chat.title': 'Escríbanos', 'chat.intro': 'Nuestro asistente automático le responde al momento, en su idioma; una persona de {org} continúa cuando hace falta.',
  'chat.log': 'Conversación con {org}', 'chat.empty': 'Aún no hay mensajes. Puede pedir el link de pago, decir qué día va a pagar, pedir cuotas o más tiempo, o pedir hablar con una persona.',
  'chat.label': 'Su mensaje', 'chat.hint': 'Enter envía; Mayús+Enter empieza una línea nueva. Nunca escriba aquí números de tarjeta.',
  'chat.send': 'Mandar mensaje', 'chat.sending': 'Mandando…', 'chat.you': 'Usted', 'chat.agent': 'Asistente automático', 'chat.person': '{org}',
  'chat.pending': 'El asistente le responderá en un momento.', 'chat.withPerson': 'Una persona de {org} le responderá aquí.',
  'chat.off': 'Recibimos su mensaje. Alguien de {org} le responderá.', 'chat.pay': 'Ir a pagar',
  'chat.error.text': 'Escriba un mensaje de hasta 1000 caracteres.',
};

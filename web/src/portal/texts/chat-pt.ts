// As palavras do chat do portal em português do Brasil ("você").
import type { chatEn } from './chat-en.ts';

export const chatPt: Record<keyof typeof chatEn, string> = {
  'chat.title': 'Fale conosco', 'chat.intro': 'Nosso assistente automático responde na hora, no seu idioma; uma pessoa da {org} continua quando for preciso.',
  'chat.log': 'Conversa com {org}', 'chat.empty': 'Ainda não há mensagens. Você pode pedir o link de pagamento, dizer quando vai pagar, pedir parcelamento ou mais prazo, ou pedir para falar com uma pessoa.',
  'chat.label': 'Sua mensagem', 'chat.hint': 'Enter envia; Shift+Enter começa uma nova linha. Nunca escreva números de cartão aqui.',
  'chat.send': 'Mandar mensagem', 'chat.sending': 'Mandando…', 'chat.you': 'Você', 'chat.agent': 'Assistente automático', 'chat.person': '{org}',
  'chat.pending': 'O assistente vai responder em instantes.', 'chat.withPerson': 'Uma pessoa da {org} vai responder você aqui.',
  'chat.off': 'Recebemos sua mensagem. Alguém da {org} vai responder.', 'chat.pay': 'Ir para o pagamento',
  'chat.error.text': 'Escreva uma mensagem de até 1000 caracteres.',
};

// What the agent says in the portal chat where a provider's channel gets no answer: a stop (applied at once; on SMS the
// carrier's own confirmation says it), a START (channels are allowed again in the portal's contact panel), and HELP.
import type { AgentLanguage } from './types.ts';

/** The channel name of the portal chat's messages and turns. */
export const CHAT_CHANNEL = 'portal';

export type ChatNotice = 'stopped' | 'allow_again';

const WORDS: Readonly<Record<AgentLanguage, Record<ChatNotice, string>>> = {
  en: {
    stopped: 'Done: we will not send you any more reminders. You can still write to me here, and pay or arrange a date on this page.',
    allow_again: 'To receive messages again, choose the channels under "How we contact you" on this page.',
  },
  es: {
    stopped: 'Listo: no le enviaremos más recordatorios. Puede seguir escribiéndome aquí, y pagar o acordar una fecha en esta página.',
    allow_again: 'Para volver a recibir mensajes, elija los canales en "Cómo lo contactamos" en esta página.',
  },
  'pt-BR': {
    stopped: 'Pronto: não enviaremos mais lembretes. Você pode continuar me escrevendo aqui, e pagar ou combinar uma data nesta página.',
    allow_again: 'Para voltar a receber mensagens, escolha os canais em "Como falamos com você" nesta página.',
  },
};

export function chatNotice(language: AgentLanguage, notice: ChatNotice): string {
  return WORDS[language][notice];
}

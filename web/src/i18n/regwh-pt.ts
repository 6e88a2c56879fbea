// Textos do botão «Registrar webhooks» do cartão de um provedor (Configurações · Canais e credenciais).
import type { regwhEn } from './regwh-en.ts';

export const regwhPt: Record<keyof typeof regwhEn, string> = {
  'regwh.button': 'Registrar webhooks',
  'regwh.intro': 'O cobro pode registrar estas URLs em {provider} sozinho, pela API de {provider}, e guardar o que {provider} devolve para verificá-las. Repetir não muda nada.',
  'regwh.result': 'Resultado em {provider}',
  'regwh.outcome.registered': 'Registrados em {provider}.',
  'regwh.outcome.updated': 'Atualizados em {provider}.',
  'regwh.outcome.unchanged': 'Já estavam registrados em {provider}: nada mudou.',
  'regwh.outcome.failed': '{provider} recusou uma parte: veja abaixo.',
  'regwh.step.registered': 'Registrado', 'regwh.step.updated': 'Atualizado', 'regwh.step.unchanged': 'Já estava', 'regwh.step.failed': 'Falhou',
};

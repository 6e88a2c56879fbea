// Textos do painel de rotação de segredos de webhook sob as credenciais de um provedor (WH-5).
import type { whsecEn } from './whsec-en.ts';

export const whsecPt: Record<keyof typeof whsecEn, string> = {
  'whs.title': 'Segredos de assinatura de webhooks de {provider}',
  'whs.intro': 'Para trocar o segredo com que {provider} assina seus webhooks, adicione o novo aqui: os envios assinados com o antigo continuam aceitos até você aposentá-lo, ou até acabarem suas horas. A lista mostra quando cada segredo verificou um envio pela última vez.',
  'whs.role': 'Segredo', 'whs.current': 'Em vigor', 'whs.previous': 'Substituído', 'whs.ends': 'Termina em', 'whs.state': 'Estado',
  'whs.active': 'aceito', 'whs.expired': 'expirado', 'whs.retired': 'aposentado', 'whs.until': 'Aceito até', 'whs.lastUsed': 'Último envio',
  'whs.count': 'Envios', 'whs.notCounted': 'não contado', 'whs.never': 'nenhum ainda',
  'whs.new': 'Novo segredo de assinatura', 'whs.keep': 'Continuar aceitando o antigo por (horas)', 'whs.add': 'Adicionar o novo segredo',
  'whs.added': 'O novo segredo está em vigor; o antigo continua aceito.', 'whs.retire': 'Aposentar', 'whs.retireConfirm': 'Deixar de aceitar o segredo que termina em {hint}?',
  'whs.retiredNow': 'O segredo substituído foi aposentado.',
};

// Textos de Configurações · Portal do devedor: segundo fator, validade de links e sessões, bloqueio, o que o devedor pode fazer, confirmações.
import type { portalSettingsEn } from './portal-settings-en.ts';

export const portalSettingsPt: Record<keyof typeof portalSettingsEn, string> = {
  'set.nav.portal': 'Portal do devedor',
  'ps.title': 'Portal do devedor',
  'ps.intro': 'Como os devedores abrem a página do portal pelo link de cada mensagem e o que podem fazer nela. As mudanças valem a partir da próxima página que o devedor abrir.',
  'ps.adminsOnly': 'Você pode ver estas configurações; só administradores as alteram.',
  'ps.updated': 'Última alteração: {date}, por {by}', 'ps.defaults': 'Padrões do cobro: ninguém os alterou ainda.',
  'ps.access': 'Acesso ao portal',
  'ps.second_factor': 'Segundo fator', 'ps.second_factor.hint': 'O que o devedor precisa digitar antes de ver qualquer coisa, lido dos metadados do cliente.',
  'ps.factor.none': 'Nada: o link basta para abrir a página', 'ps.factor.tax_id_last4': 'Os 4 últimos caracteres do documento fiscal', 'ps.factor.postcode': 'O CEP',
  'ps.link_days': 'Validade do link (dias)', 'ps.session_minutes': 'Inatividade antes de a sessão terminar (minutos)',
  'ps.session_minutes.hint': 'Cada vez que o devedor abre uma página ou faz algo no portal depois do segundo fator, a sessão fica aberta por esse tempo de novo, até a sessão mais longa, mesmo com atividade (agora {hours} h).',
  'ps.session_max_hours': 'Sessão mais longa, mesmo com atividade (horas)',
  'ps.factor_max_failures': 'Respostas erradas que bloqueiam o portal', 'ps.factor_lock_minutes': 'Período em que são contadas (minutos)',
  'ps.range': 'De {min} a {max}',
  'ps.debtor': 'O que o devedor pode fazer',
  'ps.debtor.intro': 'Pagar, prometer um pagamento, escolher um parcelamento, pedir mais prazo, abrir uma contestação e cancelar uma promessa pendente são sempre oferecidos, dentro dos limites de negociação.',
  'ps.debtor_cancels_plan': 'O devedor pode cancelar o parcelamento', 'ps.debtor_cancels_plan.hint': 'Desligado, a página pede que ele entre em contato com vocês.',
  'ps.confirmationsTitle': 'Confirmações por escrito',
  'ps.confirmations': 'Confirmar ao devedor por e-mail ou SMS o que ele combinar no portal',
  'ps.confirmations.hint': 'Uma promessa, mais prazo ou um parcelamento feitos ou cancelados ali, enviados pelas regras de contato como qualquer mensagem.',
  'ps.save': 'Salvar configurações do portal', 'ps.refused': '{field} não foi salvo: {message}',
  'sc.title': 'Confirmações do que a equipe registra',
  'sc.staff': 'Confirmar por escrito ao devedor as promessas, prorrogações e parcelamentos que sua equipe registra por ele',
  'sc.hint': 'Após uma ligação, no aplicativo web, pela API ou pela CLI; cada registro ainda pode dizer o contrário (a caixa do formulário, `confirm` na API). Também o cancelamento de uma promessa ou parcelamento pela equipe, num texto que diz que você o cancelou. Enviada por e-mail, SMS ou WhatsApp pelas regras de contato.',
  'sc.save': 'Salvar configuração de confirmações',
};

// Texto das prioridades da lista de trabalho (Configurações · Prioridades).
import type { prioritiesSettingsEn } from './priorities-settings-en.ts';

export const prioritiesSettingsPt: Record<keyof typeof prioritiesSettingsEn, string> = {
  'set.nav.priorities': 'Prioridades',
  'pri.title': 'O que ordena a lista de trabalho',
  'pri.intro': 'O efeito de cada ação é a parte do que não entraria sem agir que a ação traz (de 0 a 1); seus minutos e o custo do minuto de um cobrador são descontados do que vale agir. Ao lado de cada efeito, o que a história da organização mostra: observacional, não aleatorizado (as pessoas escolheram com quem agir).',
  'pri.action': 'Ação', 'pri.lift': 'Efeito', 'pri.learned': 'Aprendido com a sua história', 'pri.minutes': 'Minutos',
  'pri.liftOf': 'Efeito: {action}', 'pri.minutesOf': 'Minutos: {action}', 'pri.costOf': 'Custo de um minuto em {currency}',
  'pri.costs': 'O minuto de um cobrador', 'pri.currency': 'Moeda', 'pri.cost': 'Custo de um minuto',
  'pri.learnedLift': '{lift} (95%: de {low} a {high}), {n} ações',
  'pri.notEnough': 'dados insuficientes ({n} ações)', 'pri.noBaseline': 'não há dias comparáveis sem ação',
  'pri.save': 'Salvar prioridades', 'pri.apply': 'Aplicar os efeitos aprendidos',
  'pri.applied': 'Efeitos definidos a partir da sua história: {list}.', 'pri.appliedNone': 'Nenhuma ação tinha dados suficientes; nada mudou.',
  'pri.action.call': 'Ligação', 'pri.action.callback': 'Retorno de ligação', 'pri.action.promise_follow_up': 'Acompanhamento de promessa', 'pri.action.negotiate': 'Negociação',
  'pri.action.review': 'Revisão', 'pri.action.dispute_review': 'Revisão de disputa', 'pri.action.handover': 'Encaminhamento',
};

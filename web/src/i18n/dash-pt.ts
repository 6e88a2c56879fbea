// Brazilian Portuguese text of the home dashboard and the customers list's drill-down filters.
import type { dashEn } from './dash-en.ts';

export const dashPt: { [K in keyof typeof dashEn]: string } = {
  'dash.trend': 'Vencido em {currency}, últimas {weeks} semanas', 'dash.trendUp': 'subiu {amount} desde {date}', 'dash.trendDown': 'caiu {amount} desde {date}',
  'dash.trendPoint': '{date}: {amount} vencido em {n} faturas', 'dash.noTrend': 'Nada vencido em {currency} nas últimas semanas.',
  'dash.ofForecast': 'previsão {amount}', 'dash.forecast': 'Previsão', 'dash.forecastNote': 'O que a previsão esperava para os mesmos dias ({method}).',
  'dash.method.scores': 'pelas pontuações de risco', 'dash.method.heuristic': 'por vencimento e idade, ainda sem pontuações de risco', 'dash.method.mixed': 'com pontuações de risco onde existem',
  'dash.recovery': 'Recuperação e custo por canal, últimos 30 dias', 'dash.channel': 'Canal', 'dash.messages': 'Mensagens', 'dash.recovered': 'Recuperado',
  'dash.cost': 'Custo', 'dash.noMessages': 'Nenhuma mensagem nos últimos 30 dias.', 'dash.noChannel': 'Sem mensagem',
  'dash.attribution': 'Cada pagamento é atribuído inteiro ao último contato com o cliente nos {days} dias anteriores: uma mensagem enviada, uma ligação registrada por uma pessoa que falou com ele ou a visita dele ao portal (a API e a CLI dão também o crédito dividido entre todos os contatos).',
  'dash.channel.call': 'Ligações registradas', 'dash.channel.portal': 'Visitas ao portal',
  'dash.strategies': 'Desempenho das estratégias', 'dash.between': '{from} – {to}', 'dash.strategy': 'Estratégia', 'dash.cases': 'Casos',
  'dash.openCases': 'Abertos', 'dash.contacts': 'Contatos', 'dash.noStrategies': 'Ainda não há casos em uma estratégia.', 'dash.version': '{name} v{version}',
  'dash.active': 'ativa', 'dash.contactsOf': '{n} para {customers} clientes',
  'dash.filtered': 'Clientes por trás de um número:', 'dash.filter.overdue': 'com saldo vencido', 'dash.filter.currency': 'em {value}',
  'dash.filter.dpd_min': 'pelo menos {value} dias de atraso', 'dash.filter.dpd_max': 'no máximo {value} dias de atraso',
  'dash.filter.strategy_id': 'na estratégia {value}', 'dash.filter.strategy_version': 'versão {value}', 'dash.filter.messaged': 'contatados',
  'dash.filter.channel': 'por {value}', 'dash.filter.promised': 'com uma promessa que vence', 'dash.filter.from': 'de {value}', 'dash.filter.to': 'até {value}',
  'dash.filter.as_of': 'em {value}',
  'dash.filter.overdue_on': 'com saldo vencido no fim de {value}', 'customers.overdueOn': 'Vencido no fim de {date}',
  'dash.risk': 'Saldo em aberto por faixa de risco em {currency}', 'dash.riskRun': 'faixas da pontuação de {date}',
  'dash.riskNone': 'Ainda não há pontuações de risco: as faixas e a recuperação esperada aparecem após a primeira pontuação (cobro score run, ou a rotina diária do worker).',
  'dash.band': 'Faixa de risco', 'dash.customers': 'Clientes', 'dash.share': 'Participação', 'dash.expectedRecovery': 'Recuperação esperada',
  'dash.moved': 'Movimento desde {date}', 'dash.movedNone': 'Movimento (ainda sem pontuação anterior)', 'dash.movedOf': '{up} sobem, {down} descem, {n} novos',
  'dash.riskNote': 'Risco alto a partir de {high} de probabilidade de pagar com atraso, médio a partir de {medium}. Recuperação esperada: o que as pontuações esperam receber do saldo de hoje nas faturas pontuadas.',
  'dash.band.high': 'Risco alto', 'dash.band.medium': 'Risco médio', 'dash.band.low': 'Risco baixo', 'dash.band.unscored': 'Sem pontuação',
  'dash.filter.risk_band': '{value}',
};

// Textos em português do valor esperado de agir na lista de trabalho.
export const priorityPt = {
  'value.line': 'Agir ({action}) vale {value}: {balance} × {points} pontos a mais de recuperação ({without} sem agir, {with} agindo, {source}) = {gain}, menos {minutes} min a {minute} = {cost}.',
  'value.lineNoCost': 'Agir ({action}) vale {value}: {balance} × {points} pontos a mais de recuperação ({without} sem agir, {with} agindo, {source}) = {gain}, menos {minutes} min sem custo conhecido em {currency}.',
  'value.source.score': 'pela pontuação de risco', 'value.source.days_past_due': 'pelos dias de atraso',
  'value.action.call': 'uma ligação', 'value.action.callback': 'o retorno de ligação', 'value.action.promise_follow_up': 'acompanhamento da promessa',
  'value.action.negotiate': 'negociação', 'value.action.review': 'uma revisão', 'value.action.dispute_review': 'revisão da disputa', 'value.action.handover': 'repasse',
  'work.value': 'Valor',
};

// Textos en español del valor esperado de actuar en la lista de trabajo.
export const priorityEs = {
  'value.line': 'Actuar ({action}) vale {value}: {balance} × {points} puntos más de recuperación ({without} sin actuar, {with} actuando, {source}) = {gain}, menos {minutes} min a {minute} = {cost}.',
  'value.lineNoCost': 'Actuar ({action}) vale {value}: {balance} × {points} puntos más de recuperación ({without} sin actuar, {with} actuando, {source}) = {gain}, menos {minutes} min sin costo conocido en {currency}.',
  'value.source.score': 'según la puntuación de riesgo', 'value.source.days_past_due': 'según los días de atraso',
  'value.action.call': 'una llamada', 'value.action.callback': 'la devolución de llamada', 'value.action.promise_follow_up': 'seguimiento de la promesa',
  'value.action.negotiate': 'negociación', 'value.action.review': 'una revisión', 'value.action.dispute_review': 'revisión de la disputa', 'value.action.handover': 'traspaso',
  'work.value': 'Valor',
};

// Spanish text of the home dashboard and the customers list's drill-down filters.
import type { dashEn } from './dash-en.ts';

export const dashEs: { [K in keyof typeof dashEn]: string } = {
  'dash.trend': 'Vencido en {currency}, últimas {weeks} semanas', 'dash.trendUp': 'sube {amount} desde el {date}', 'dash.trendDown': 'baja {amount} desde el {date}',
  'dash.trendPoint': '{date}: {amount} vencido en {n} facturas', 'dash.noTrend': 'Nada vencido en {currency} en las últimas semanas.',
  'dash.ofForecast': 'pronóstico {amount}', 'dash.forecast': 'Pronóstico', 'dash.forecastNote': 'Lo que el pronóstico esperaba para los mismos días ({method}).',
  'dash.method.scores': 'según las puntuaciones de riesgo', 'dash.method.heuristic': 'por vencimiento y antigüedad, aún sin puntuaciones de riesgo', 'dash.method.mixed': 'con puntuaciones de riesgo donde las hay',
  'dash.recovery': 'Recuperación y costo por canal, últimos 30 días', 'dash.channel': 'Canal', 'dash.messages': 'Mensajes', 'dash.recovered': 'Recuperado',
  'dash.cost': 'Costo', 'dash.noMessages': 'Ningún mensaje en los últimos 30 días.', 'dash.noChannel': 'Sin mensaje',
  'dash.attribution': 'Cada pago se atribuye entero al último contacto con su cliente en los {days} días anteriores: un mensaje enviado, una llamada registrada por una persona que lo contactó o su visita al portal (la API y la CLI dan también el crédito repartido entre todos los contactos).',
  'dash.channel.call': 'Llamadas registradas', 'dash.channel.portal': 'Visitas al portal',
  'dash.strategies': 'Desempeño de las estrategias', 'dash.between': '{from} – {to}', 'dash.strategy': 'Estrategia', 'dash.cases': 'Casos',
  'dash.openCases': 'Abiertos', 'dash.contacts': 'Contactos', 'dash.noStrategies': 'Aún no hay casos en una estrategia.', 'dash.version': '{name} v{version}',
  'dash.active': 'activa', 'dash.contactsOf': '{n} a {customers} clientes',
  'dash.filtered': 'Clientes detrás de una cifra:', 'dash.filter.overdue': 'con saldo vencido', 'dash.filter.currency': 'en {value}',
  'dash.filter.dpd_min': 'al menos {value} días de atraso', 'dash.filter.dpd_max': 'como mucho {value} días de atraso',
  'dash.filter.strategy_id': 'en la estrategia {value}', 'dash.filter.strategy_version': 'versión {value}', 'dash.filter.messaged': 'contactados',
  'dash.filter.channel': 'por {value}', 'dash.filter.promised': 'con una promesa que vence', 'dash.filter.from': 'desde el {value}', 'dash.filter.to': 'hasta el {value}',
  'dash.filter.as_of': 'al {value}',
  'dash.filter.overdue_on': 'con saldo vencido al cierre del {value}', 'customers.overdueOn': 'Vencido al cierre del {date}',
  'dash.risk': 'Saldo abierto por banda de riesgo en {currency}', 'dash.riskRun': 'bandas de la puntuación del {date}',
  'dash.riskNone': 'Aún no hay puntuaciones de riesgo: las bandas y su recuperación esperada aparecen tras la primera puntuación (cobro score run, o la tarea diaria del worker).',
  'dash.band': 'Banda de riesgo', 'dash.customers': 'Clientes', 'dash.share': 'Proporción', 'dash.expectedRecovery': 'Recuperación esperada',
  'dash.moved': 'Movimiento desde el {date}', 'dash.movedNone': 'Movimiento (aún sin puntuación anterior)', 'dash.movedOf': '{up} suben, {down} bajan, {n} nuevos',
  'dash.riskNote': 'Riesgo alto desde {high} de probabilidad de pagar tarde, medio desde {medium}. Recuperación esperada: lo que las puntuaciones esperan cobrar del saldo de hoy en las facturas puntuadas.',
  'dash.band.high': 'Riesgo alto', 'dash.band.medium': 'Riesgo medio', 'dash.band.low': 'Riesgo bajo', 'dash.band.unscored': 'Sin puntuación',
  'dash.filter.risk_band': '{value}',
};

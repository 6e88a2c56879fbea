// Spanish words for the engine's own timeline entries.
import type { engineEn } from './engine-en.ts';

export const engineEs: { [K in keyof typeof engineEn]: string } = {
  'tl.kind.charge_applied': 'Cargo aplicado', 'tl.kind.charge_not_applied': 'Cargo no aplicado',
  'tl.e.planned': '{step}, para el {date}', 'tl.e.plannedAgain': '{step}, para el {date}: se planifica de nuevo: la pausa que lo canceló ({hold}) terminó sin pago', 'tl.e.cancelled': '{step}: {why}',
  'tl.e.skip.superseded': '{step} omitido: {by} vence el mismo día o después',
  'tl.e.skip.condition_failed': '{step} omitido: su condición no se cumple',
  'tl.e.skip.no_channel': '{step} omitido: no queda ningún canal para contactar al cliente',
  'tl.e.stop.paid': 'sin saldo pendiente', 'tl.e.stop.disputed': 'la disputa {id} está abierta', 'tl.e.stop.disputedAll': 'todas las facturas abiertas están en disputa',
  'tl.e.stop.escalated': 'el caso se pasó a una persona; sin contacto automático',
  'tl.e.stop.opted_out': 'se dio de baja en todos los canales ({channels})',
  'tl.e.stop.payment_claimed': 'el deudor dice que pagó (aviso {id}); recordatorios en pausa hasta el {date} mientras se verifica',
  'tl.e.stop.payment_in_flight': 'hay un pago con ficha en curso ({id}); recordatorios en pausa hasta el {date}, el día siguiente a su vencimiento',
  'tl.e.stop.payment_in_flight_debit': 'hay un cargo bancario en proceso ({id}); recordatorios en pausa hasta que la pasarela lo confirme o lo rechace, como mucho hasta el {date}',
  'tl.e.stop.promise_active': 'promesa {id} de pagar {amount} a más tardar el {date}',
  'tl.e.stop.plan_current': 'el plan {id} está al día', 'tl.e.stop.plan_currentNext': 'el plan {id} está al día; la próxima cuota vence el {date}',
  'tl.e.stop.superseded': 'empezó el ciclo {cycle}', 'tl.e.stop.supersededReminder': 'la cuota está pagada o el plan ya no está al día',
  'tl.e.stop.paused': 'en pausa hasta el {date}', 'tl.e.stop.strategy_changed': 'se cambió la estrategia a {to}',
  'tl.e.cycle': 'la factura abierta más antigua vence ahora el {date}: empieza el ciclo {cycle}',
  'tl.e.segment': 'segmento "{segment}" (regla {rule} de {rules}): estrategia {strategy}',
  'tl.e.segmentInactive': 'segmento "{segment}" (regla {rule} de {rules}); pero la estrategia {strategy} no está activa',
  'tl.e.noSegment': 'ningún segmento coincidió ({n} revisados)',
  'tl.e.charge.late_fee': 'Recargo por mora', 'tl.e.charge.interest': 'Intereses',
  'tl.e.charged': '{charge} de {amount} en la factura {invoice}', 'tl.e.notCharged': '{charge} en la factura {invoice} no aplicado',
};

// Portuguese words for the engine's own timeline entries.
import type { engineEn } from './engine-en.ts';

export const enginePt: { [K in keyof typeof engineEn]: string } = {
  'tl.kind.charge_applied': 'Encargo aplicado', 'tl.kind.charge_not_applied': 'Encargo não aplicado',
  'tl.e.planned': '{step}, para {date}', 'tl.e.plannedAgain': '{step}, para {date}: planejada de novo: a suspensão que a cancelou ({hold}) terminou sem pagamento', 'tl.e.cancelled': '{step}: {why}',
  'tl.e.skip.superseded': '{step} ignorado: {by} vence no mesmo dia ou depois',
  'tl.e.skip.condition_failed': '{step} ignorado: a condição não é atendida',
  'tl.e.skip.no_channel': '{step} ignorado: não resta nenhum canal para contatar o cliente',
  'tl.e.stop.paid': 'sem saldo em aberto', 'tl.e.stop.disputed': 'a contestação {id} está aberta', 'tl.e.stop.disputedAll': 'todas as faturas em aberto estão contestadas',
  'tl.e.stop.escalated': 'o caso foi passado a uma pessoa; sem contato automático',
  'tl.e.stop.opted_out': 'descadastrado em todos os canais ({channels})',
  'tl.e.stop.payment_claimed': 'o devedor diz que pagou (aviso {id}); lembretes suspensos até {date} enquanto é verificado',
  'tl.e.stop.payment_in_flight': 'há um pagamento por boleto/voucher em andamento ({id}); lembretes suspensos até {date}, o dia seguinte ao seu vencimento',
  'tl.e.stop.payment_in_flight_debit': 'há um débito bancário em processamento ({id}); lembretes suspensos até o gateway confirmá-lo ou recusá-lo, no máximo até {date}',
  'tl.e.stop.promise_active': 'promessa {id} de pagar {amount} até {date}',
  'tl.e.stop.plan_current': 'o plano {id} está em dia', 'tl.e.stop.plan_currentNext': 'o plano {id} está em dia; a próxima parcela vence em {date}',
  'tl.e.stop.superseded': 'começou o ciclo {cycle}', 'tl.e.stop.supersededReminder': 'a parcela está paga ou o plano não está mais em dia',
  'tl.e.stop.paused': 'pausado até {date}', 'tl.e.stop.strategy_changed': 'estratégia trocada para {to}',
  'tl.e.cycle': 'a fatura em aberto mais antiga agora vence em {date}: começa o ciclo {cycle}',
  'tl.e.segment': 'segmento "{segment}" (regra {rule} de {rules}): estratégia {strategy}',
  'tl.e.segmentInactive': 'segmento "{segment}" (regra {rule} de {rules}); mas a estratégia {strategy} não está ativa',
  'tl.e.noSegment': 'nenhum segmento correspondeu ({n} verificados)',
  'tl.e.charge.late_fee': 'Multa por atraso', 'tl.e.charge.interest': 'Juros',
  'tl.e.charged': '{charge} de {amount} na fatura {invoice}', 'tl.e.notCharged': '{charge} na fatura {invoice} não aplicado',
};

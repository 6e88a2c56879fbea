// As palavras para cancelar uma promessa ou um parcelamento e para o histórico da conta, em português do Brasil.
import type { historyEn } from './history-en.ts';

export const historyPt: Record<keyof typeof historyEn, string> = {
  'cancel.title': 'Cancelar minha promessa ou meu parcelamento',
  'cancel.promise': 'Cancelar minha promessa', 'cancel.plan': 'Cancelar meu parcelamento',
  'cancel.confirmPromise': 'Cancelar sua promessa de pagar {amount} até {date}? {org} voltará a enviar lembretes.',
  'cancel.confirmPlan': 'Cancelar seu parcelamento? Os {paid} que você já pagou continuam pagos; os outros {left} voltam a estar em aberto e {org} voltará a enviar lembretes.',
  'cancel.yes': 'Sim, cancelar', 'cancel.no': 'Não, manter',
  'cancel.promiseDone': 'Sua promessa foi cancelada. {org} voltará a enviar lembretes. Você pode vê-la em “Seu histórico”.',
  'cancel.planDone': 'Seu parcelamento foi cancelado. O que você pagou continua pago; os outros {left} voltam a estar em aberto e {org} voltará a enviar lembretes. Você pode vê-lo em “Seu histórico”.',
  'cancel.planLocked': 'Para cancelar seu parcelamento, fale com {org}.',
  'cancel.ended': 'Isso já terminou e não pode ser cancelado. Recarregue a página para ver como está sua conta.',
  'history.title': 'Seu histórico', 'history.loading': 'Carregando seu histórico…', 'history.empty': 'Ainda não há nada aqui.',
  'history.promises': 'Promessas', 'history.plans': 'Parcelamentos', 'history.disputes': 'Contestações',
  'history.more.promises': 'Ver mais promessas', 'history.more.plans': 'Ver mais parcelamentos', 'history.more.disputes': 'Ver mais contestações',
  'history.promise': '{amount} até {date}, prometido em {made}', 'history.extension': 'Mais prazo: {amount} até {date}, pedido em {made}',
  'history.promise.kept': 'Cumprida. Obrigado!', 'history.promise.partly_kept': 'Cumprida em parte: {paid} pagos.', 'history.promise.broken': 'Não foi cumprida.',
  'history.promise.replaced': 'Substituída por uma promessa mais recente.', 'history.promise.cancelled': 'Cancelada em {date}.',
  'history.promise.cancelledByYou': 'Você a cancelou em {date}.',
  'history.plan': '{total} em {count} parcelas {frequency}, combinado em {date}',
  'history.plan.completed': 'Concluído em {date}. Obrigado!', 'history.plan.broken': 'Terminou em {date} porque faltou uma parcela; {paid} foram pagos.',
  'history.plan.cancelled': 'Cancelado em {date}; {paid} foram pagos.', 'history.plan.cancelledByYou': 'Você o cancelou em {date}; {paid} foram pagos.',
  'history.dispute': '{reason}: {amount}, enviada em {date}',
  'history.dispute.open': 'Em análise.', 'history.dispute.valid': 'Resolvida em {date}: você tinha razão, e a fatura foi corrigida.',
  'history.dispute.invalid': 'Resolvida em {date}: a fatura continua valendo e volta a estar em aberto.',
  'history.file': 'Arquivo que você enviou: {name} ({size})',
  'history.fileDownload': 'Baixar {name} novamente', 'history.fileDownloadShort': 'Baixar',
};

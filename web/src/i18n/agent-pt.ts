// Texto em português do Brasil da tela de repasses (incorporado em pt.ts; mesmas chaves de agent-en.ts).
import type { agentEn } from './agent-en.ts';

export const agentPt: Record<keyof typeof agentEn, string> = {
  'nav.handovers': 'Repasses',
  'ho.title': 'Repasses', 'ho.queue': 'Conversas repassadas a pessoas', 'ho.showAll': 'Mostrar também as concluídas',
  'ho.empty': 'Nenhuma conversa está esperando uma pessoa.',
  'ho.summary': 'Resumo', 'ho.conversation': 'Conversa', 'ho.noConversation': 'Nada escrito ainda.', 'ho.case': 'Abrir o caso',
  'ho.closed': 'concluído', 'ho.yours': 'seu', 'ho.takenBy': 'outra pessoa assumiu', 'ho.untaken': 'ninguém assumiu ainda',
  'ho.take': 'Assumir', 'ho.taken': 'Está na sua lista de trabalho agora.', 'ho.handBack': 'Devolver ao agente',
  'ho.handedBack': 'Devolvido: o agente responde a próxima mensagem.',
  'ho.replyOn': 'Responder por {channel}', 'ho.send': 'Enviar a resposta', 'ho.queued': 'Na fila: o filtro de conformidade decide quando ela sai.',
  'ho.gateNote': 'Sua resposta passa pelo filtro de conformidade como qualquer mensagem: fora do horário de contato ou após um descadastro ela espera ou é bloqueada.',
  'ho.read': 'Lido como {intent} ({confidence}%)', 'ho.rightIntent': 'Intenção correta', 'ho.correct': 'Corrigir',
  'ho.corrected': 'Correção guardada como dado de treinamento.',
  'ho.by.debtor': 'Devedor', 'ho.by.agent': 'Agente', 'ho.by.person': 'Pessoa',
  'ho.status.queued': 'na fila', 'ho.status.sending': 'enviando', 'ho.status.sent': 'enviada', 'ho.status.delivered': 'entregue', 'ho.status.read': 'lida',
  'ho.status.failed': 'falhou', 'ho.status.bounced': 'devolvida', 'ho.status.blocked': 'bloqueada pelo filtro', 'ho.status.deferred': 'adiada pelo filtro',
  'ho.status.cancelled': 'cancelada',
  'ho.reason.talk_to_human': 'Pediu uma pessoa', 'ho.reason.hardship': 'Dificuldade financeira', 'ho.reason.vulnerability': 'Vulnerabilidade',
  'ho.reason.legal_threat': 'Ameaça jurídica', 'ho.reason.abuse': 'Ofensas', 'ho.reason.low_confidence': 'Não ficou claro o que quis dizer',
  'ho.reason.misunderstood': 'Não entendido duas vezes', 'ho.reason.opt_out_unsure': 'Talvez um descadastro', 'ho.reason.active_plan': 'Tem um acordo ativo',
  'ho.reason.no_option': 'Nada que o agente possa oferecer', 'ho.reason.action_failed': 'Uma ação foi recusada',
  'intent.request_link': 'pede o link de pagamento', 'intent.already_paid': 'diz que já pagou', 'intent.promise_to_pay': 'promete pagar',
  'intent.request_plan': 'pede parcelamento', 'intent.request_extension': 'pede mais prazo', 'intent.balance_inquiry': 'pergunta quanto deve',
  'intent.dispute': 'contesta', 'intent.wrong_person': 'pessoa errada', 'intent.opt_out': 'pede descadastro', 'intent.talk_to_human': 'pede uma pessoa',
  'intent.hardship': 'dificuldade', 'intent.greeting_thanks': 'saudação ou agradecimento', 'intent.other': 'outra coisa',
  'stop.payment_claimed': 'pagamento declarado, em verificação',
};

// Palavras em português das provas com que se responde uma disputa da Stripe ou da Adyen (web/src/disputes).
export const evidencePt = {
  'ev.title': 'Provas da disputa {id} na {gateway}', 'ev.dispute': 'A disputa', 'ev.payment': 'pagamento {ref}', 'ev.reason': 'motivo: {reason}',
  'ev.dueBy': 'Prazo na intermediadora: {date}', 'ev.noDeadline': 'A intermediadora não informa prazo.', 'ev.reminder': 'tarefa de lembrete para {date}',
  'ev.auto': 'O que o cobro preenche com seus registros', 'ev.customer': 'Cliente', 'ev.invoices': 'Faturas pagas',
  'ev.history': 'Histórico de comunicação: {sent} enviadas, {received} respostas (anexado em PDF)', 'ev.arrangements': 'Promessas e planos acordados: {n}',
  'ev.serviceDate': 'Data do serviço: {date}', 'ev.openCase': 'Abrir o caso', 'ev.draft': 'Rascunho',
  'ev.status.draft': 'Rascunho', 'ev.status.submitting': 'Sendo enviadas', 'ev.status.submitted': 'Enviadas',
  'ev.submittedAt': 'Enviadas à {gateway} em {date} por {who}; uma disputa é respondida uma só vez.', 'ev.lastError': 'Última tentativa recusada: {error}',
  'ev.defenseReason': 'Motivo de defesa', 'ev.chooseReason': 'Escolha um dos que a Adyen oferece',
  'ev.req.Required': 'obrigatório', 'ev.req.OneOrMore': 'um ou mais', 'ev.req.Optional': 'opcional', 'ev.req.AlternativeRequired': 'alternativa genérica',
  'ev.field.explanation': 'Sua explicação', 'ev.field.product_description': 'O que foi vendido ou prestado', 'ev.field.service_date': 'Data do serviço',
  'ev.field.shipping_date': 'Data de envio', 'ev.field.shipping_tracking_number': 'Código de rastreio', 'ev.field.refund_refusal_explanation': 'Por que não houve reembolso',
  'ev.documents': 'Documentos do cobro', 'ev.doc.statement': 'Extrato de conta', 'ev.doc.history': 'Histórico de comunicação', 'ev.doc.summary': 'Relato da dívida',
  'ev.leftOut': '(não incluído)', 'ev.save': 'Salvar rascunho', 'ev.submit': 'Enviar à {gateway}…', 'ev.confirmSubmit': 'Enviar à {gateway} agora: não pode ser desfeito',
  'ev.managersSubmit': 'Gerentes e administradores enviam as provas.', 'ev.files': 'Seus arquivos', 'ev.remove': 'Remover', 'ev.unsaved': 'não salvo',
  'ev.noFiles': 'Nenhum arquivo.', 'ev.slot': 'Campo', 'ev.chooseSlot': 'Escolha um campo', 'ev.addFile': 'Adicionar PDF, PNG ou JPEG', 'ev.answer': 'Responder com provas',
};

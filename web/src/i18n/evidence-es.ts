// Palabras en español de las pruebas con que se responde una disputa de Stripe o Adyen (web/src/disputes).
export const evidenceEs = {
  'ev.title': 'Pruebas para la disputa {id} en {gateway}', 'ev.dispute': 'La disputa', 'ev.payment': 'pago {ref}', 'ev.reason': 'motivo: {reason}',
  'ev.dueBy': 'Vencen en la pasarela el {date}', 'ev.noDeadline': 'La pasarela no indica plazo.', 'ev.reminder': 'tarea de aviso para el {date}',
  'ev.auto': 'Lo que cobro completa con sus registros', 'ev.customer': 'Cliente', 'ev.invoices': 'Facturas pagadas',
  'ev.history': 'Historial de comunicación: {sent} enviados, {received} respuestas (adjunto en PDF)', 'ev.arrangements': 'Promesas y planes acordados: {n}',
  'ev.serviceDate': 'Fecha del servicio: {date}', 'ev.openCase': 'Abrir el caso', 'ev.draft': 'Borrador',
  'ev.status.draft': 'Borrador', 'ev.status.submitting': 'Enviándose', 'ev.status.submitted': 'Enviadas',
  'ev.submittedAt': 'Enviadas a {gateway} el {date} por {who}; una disputa se responde una sola vez.', 'ev.lastError': 'Último intento rechazado: {error}',
  'ev.defenseReason': 'Motivo de defensa', 'ev.chooseReason': 'Elija uno de los que ofrece Adyen',
  'ev.req.Required': 'obligatorio', 'ev.req.OneOrMore': 'uno o más', 'ev.req.Optional': 'opcional', 'ev.req.AlternativeRequired': 'alternativa genérica',
  'ev.field.explanation': 'Su explicación', 'ev.field.product_description': 'Qué se vendió o prestó', 'ev.field.service_date': 'Fecha del servicio',
  'ev.field.shipping_date': 'Fecha de envío', 'ev.field.shipping_tracking_number': 'Número de seguimiento', 'ev.field.refund_refusal_explanation': 'Por qué no se reembolsó',
  'ev.documents': 'Documentos de cobro', 'ev.doc.statement': 'Estado de cuenta', 'ev.doc.history': 'Historial de comunicación', 'ev.doc.summary': 'Relación de la deuda',
  'ev.leftOut': '(no se incluye)', 'ev.save': 'Guardar borrador', 'ev.submit': 'Enviar a {gateway}…', 'ev.confirmSubmit': 'Enviar a {gateway} ahora: no se puede deshacer',
  'ev.managersSubmit': 'Las pruebas las envían gerentes y administradores.', 'ev.files': 'Sus archivos', 'ev.remove': 'Quitar', 'ev.unsaved': 'sin guardar',
  'ev.noFiles': 'Sin archivos.', 'ev.slot': 'Casilla', 'ev.chooseSlot': 'Elija una casilla', 'ev.addFile': 'Añadir un PDF, PNG o JPEG', 'ev.answer': 'Responder con pruebas',
};

// Textos de la página donde una organización escribe su propia redacción de las plantillas incluidas.
import type { templatesEn } from './templates-en.ts';

export const templatesEs: Record<keyof typeof templatesEn, string> = {
  'set.nav.templates': 'Plantillas',
  'set.tpl.title': 'Sus propios textos de plantilla', 'set.tpl.intro': 'Reemplace el texto de una plantilla incluida para un canal, tono e idioma. cobro mantiene alrededor el saludo, la despedida, el pie con el enlace para darse de baja, la baja por SMS y los avisos que exige la ley. Un texto se guarda solo si pasa las revisiones de plantillas.',
  'set.tpl.template': 'Plantilla', 'set.tpl.channel': 'Canal', 'set.tpl.tone': 'Tono', 'set.tpl.ownId': 'O una plantilla propia (id org-...)', 'set.tpl.anyTone': 'cualquiera (todo tono sin texto propio)', 'set.tpl.language': 'Idioma',
  'set.tpl.subject': 'Asunto', 'set.tpl.body': 'Texto', 'set.tpl.whatsappName': 'Nombre de la plantilla aprobada de WhatsApp', 'set.tpl.save': 'Guardar texto',
  'set.tpl.saved': 'Guardado, versión {version}.', 'set.tpl.refused': 'No guardado ({field}): {message}', 'set.tpl.warning': 'Aviso: {warning}',
  'set.tpl.list': 'Sus textos', 'set.tpl.version': 'Versión', 'set.tpl.remove': 'Quitar', 'set.tpl.edit': 'Editar',
  'set.tpl.removeConfirm': '¿Quitar su texto de {template} ({channel}, {tone}, {language})? Se vuelve a usar el texto incluido.',
  'set.tpl.pv.title': 'Vista previa', 'set.tpl.pv.for': 'Vista previa para', 'set.tpl.pv.sample': 'Deudor de ejemplo', 'set.tpl.pv.empty': 'Escriba un texto para verlo aquí.',
  'set.tpl.pv.refused': 'No se guardaría ({field}):', 'set.tpl.pv.cannot': 'Este texto aún no se puede mostrar.', 'set.tpl.pv.emailFrame': 'Vista previa del correo',
  'set.tpl.pv.segments': '{segments} segmento(s), {encoding}, {units} unidades', 'set.tpl.pv.waTemplate': 'Plantilla aprobada {name} ({language}), parámetros:',
  'set.tpl.pv.problems': 'Bloqueado al enviar a este cliente: {list}',
  'sf.title': 'Acentos en los SMS',
  'sf.intro': 'Una sola letra que GSM-7 no tiene (á, í, ó, ú, ã, ç ...) hace que todo el SMS vaya en UCS-2, 67 caracteres por segmento en lugar de 153, y cada segmento se cobra. Todos los SMS que envía cobro (recordatorios, sus propios textos, confirmaciones, respuestas del asistente) siguen esta opción; WhatsApp y el correo conservan siempre los acentos.',
  'sf.auto': 'Quitar los acentos cuando eso ahorra segmentos', 'sf.auto.hint': '"días" se envía como "dias", también en los nombres del deudor y de su empresa; la ñ y la é se mantienen (GSM-7 las tiene). Un texto con un emoji lo conserva todo.',
  'sf.never': 'Conservar siempre los acentos', 'sf.never.hint': 'Los SMS en español y portugués van en UCS-2 y pueden ocupar más segmentos (y costar más); la línea de transferencia bancaria se omite cuando pasaría un SMS de tres segmentos.',
  'sf.default': '(predeterminado)', 'sf.save': 'Guardar opción de SMS', 'sf.refused': 'No se guardó: {message}',
};

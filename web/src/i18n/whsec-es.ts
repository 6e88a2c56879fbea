// Textos del panel de rotación de secretos de webhook bajo las credenciales de un proveedor (WH-5).
import type { whsecEn } from './whsec-en.ts';

export const whsecEs: Record<keyof typeof whsecEn, string> = {
  'whs.title': 'Secretos de firma de webhooks de {provider}',
  'whs.intro': 'Para cambiar el secreto con el que {provider} firma sus webhooks, agregue aquí el nuevo: los envíos firmados con el anterior se siguen aceptando hasta que lo retire o hasta que se cumplan sus horas. La lista muestra cuándo cada secreto verificó un envío por última vez.',
  'whs.role': 'Secreto', 'whs.current': 'Vigente', 'whs.previous': 'Reemplazado', 'whs.ends': 'Termina en', 'whs.state': 'Estado',
  'whs.active': 'aceptado', 'whs.expired': 'vencido', 'whs.retired': 'retirado', 'whs.until': 'Aceptado hasta', 'whs.lastUsed': 'Último envío',
  'whs.count': 'Envíos', 'whs.notCounted': 'sin contar', 'whs.never': 'ninguno aún',
  'whs.new': 'Nuevo secreto de firma', 'whs.keep': 'Seguir aceptando el anterior durante (horas)', 'whs.add': 'Agregar el nuevo secreto',
  'whs.added': 'El nuevo secreto está vigente; el anterior se sigue aceptando.', 'whs.retire': 'Retirar', 'whs.retireConfirm': '¿Dejar de aceptar el secreto que termina en {hint}?',
  'whs.retiredNow': 'El secreto reemplazado quedó retirado.',
};

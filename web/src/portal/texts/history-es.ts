// Las palabras para cancelar una promesa o un plan y para el historial de la cuenta, en español (de usted).
import type { historyEn } from './history-en.ts';

export const historyEs: Record<keyof typeof historyEn, string> = {
  'cancel.title': 'Cancelar mi promesa o mi plan',
  'cancel.promise': 'Cancelar mi promesa', 'cancel.plan': 'Cancelar mi plan de pagos',
  'cancel.confirmPromise': '¿Cancelar su promesa de pagar {amount} a más tardar el {date}? {org} volverá a enviarle recordatorios.',
  'cancel.confirmPlan': '¿Cancelar su plan de pagos? Los {paid} que ya pagó quedan pagados; los otros {left} vuelven a estar pendientes y {org} volverá a enviarle recordatorios.',
  'cancel.yes': 'Sí, cancelar', 'cancel.no': 'No, mantener',
  'cancel.promiseDone': 'Su promesa quedó cancelada. {org} volverá a enviarle recordatorios. Puede verla en «Su historial».',
  'cancel.planDone': 'Su plan de pagos quedó cancelado. Lo que pagó sigue pagado; los otros {left} vuelven a estar pendientes y {org} volverá a enviarle recordatorios. Puede verlo en «Su historial».',
  'cancel.planLocked': 'Para cancelar su plan de pagos, comuníquese con {org}.',
  'cancel.ended': 'Esto ya terminó, así que no se puede cancelar. Vuelva a cargar la página para ver cómo está su cuenta.',
  'history.title': 'Su historial', 'history.loading': 'Cargando su historial…', 'history.empty': 'Todavía no hay nada aquí.',
  'history.promises': 'Promesas', 'history.plans': 'Planes de pagos', 'history.disputes': 'Reclamos',
  'history.more.promises': 'Ver más promesas', 'history.more.plans': 'Ver más planes de pagos', 'history.more.disputes': 'Ver más reclamos',
  'history.promise': '{amount} a más tardar el {date}, prometido el {made}', 'history.extension': 'Más tiempo: {amount} a más tardar el {date}, pedido el {made}',
  'history.promise.kept': 'Cumplida. ¡Gracias!', 'history.promise.partly_kept': 'Cumplida en parte: pagó {paid}.', 'history.promise.broken': 'No se cumplió.',
  'history.promise.replaced': 'Reemplazada por una promesa más reciente.', 'history.promise.cancelled': 'Cancelada el {date}.',
  'history.promise.cancelledByYou': 'Usted la canceló el {date}.',
  'history.plan': '{total} en {count} pagos {frequency}, acordado el {date}',
  'history.plan.completed': 'Terminado el {date}. ¡Gracias!', 'history.plan.broken': 'Terminó el {date} porque faltó un pago; se pagaron {paid}.',
  'history.plan.cancelled': 'Cancelado el {date}; se pagaron {paid}.', 'history.plan.cancelledByYou': 'Usted lo canceló el {date}; se pagaron {paid}.',
  'history.dispute': '{reason}: {amount}, enviado el {date}',
  'history.dispute.open': 'En revisión.', 'history.dispute.valid': 'Resuelto el {date}: usted tenía razón y la factura se corrigió.',
  'history.dispute.invalid': 'Resuelto el {date}: la factura se mantiene y vuelve a estar pendiente.',
  'history.file': 'Archivo que envió: {name} ({size})',
  'history.fileDownload': 'Descargar de nuevo {name}', 'history.fileDownloadShort': 'Descargar',
};

// Textos de Ajustes · Portal del deudor: segundo factor, vigencia de enlaces y sesiones, bloqueo, qué puede hacer el deudor, confirmaciones.
import type { portalSettingsEn } from './portal-settings-en.ts';

export const portalSettingsEs: Record<keyof typeof portalSettingsEn, string> = {
  'set.nav.portal': 'Portal del deudor',
  'ps.title': 'Portal del deudor',
  'ps.intro': 'Cómo abren los deudores su página del portal desde el enlace de cada mensaje y qué pueden hacer en ella. Los cambios se aplican desde la próxima página que abra el deudor.',
  'ps.adminsOnly': 'Puede ver estos ajustes; solo los administradores los cambian.',
  'ps.updated': 'Último cambio: {date}, por {by}', 'ps.defaults': 'Valores predeterminados de cobro: nadie los ha cambiado aún.',
  'ps.access': 'Acceso al portal',
  'ps.second_factor': 'Segundo factor', 'ps.second_factor.hint': 'Lo que el deudor debe escribir antes de ver nada, tomado de los metadatos del cliente.',
  'ps.factor.none': 'Nada: el enlace basta para abrir la página', 'ps.factor.tax_id_last4': 'Los últimos 4 caracteres de su identificación fiscal', 'ps.factor.postcode': 'Su código postal',
  'ps.link_days': 'Vigencia del enlace (días)', 'ps.session_minutes': 'Inactividad antes de que termine la sesión (minutos)',
  'ps.session_minutes.hint': 'Cada vez que el deudor abre una página o hace algo en el portal tras el segundo factor, la sesión sigue abierta este tiempo de nuevo, hasta la sesión más larga, aunque haya actividad (ahora {hours} h).',
  'ps.session_max_hours': 'Sesión más larga, aunque haya actividad (horas)',
  'ps.factor_max_failures': 'Respuestas erróneas que bloquean el portal', 'ps.factor_lock_minutes': 'Periodo en que se cuentan (minutos)',
  'ps.range': 'De {min} a {max}',
  'ps.debtor': 'Qué puede hacer el deudor',
  'ps.debtor.intro': 'Pagar, prometer un pago, elegir un plan, pedir más tiempo, abrir una disputa y cancelar una promesa pendiente siempre se ofrecen, dentro de los límites de negociación.',
  'ps.debtor_cancels_plan': 'El deudor puede cancelar su plan de pagos', 'ps.debtor_cancels_plan.hint': 'Si está desactivado, la página le pide que se comunique con ustedes.',
  'ps.confirmationsTitle': 'Confirmaciones por escrito',
  'ps.confirmations': 'Confirmar al deudor por correo o SMS lo que acuerde en el portal',
  'ps.confirmations.hint': 'Una promesa, más tiempo o un plan hechos o cancelados allí, enviados con las reglas de contacto como cualquier mensaje.',
  'ps.save': 'Guardar ajustes del portal', 'ps.refused': '{field} no se guardó: {message}',
  'sc.title': 'Confirmaciones de lo que registra el equipo',
  'sc.staff': 'Confirmar por escrito al deudor las promesas, prórrogas y planes que su equipo registra por él',
  'sc.hint': 'Tras una llamada, en la aplicación web, por la API o la CLI; cada registro puede indicar lo contrario (la casilla del formulario, `confirm` en la API). También la cancelación de una promesa o un plan por su equipo, con un texto que dice que usted la canceló. Se envía por correo, SMS o WhatsApp según las reglas de contacto.',
  'sc.save': 'Guardar ajuste de confirmaciones',
};

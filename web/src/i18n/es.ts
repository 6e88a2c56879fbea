// Textos en español.
import { workEs } from './work-es.ts';
import { priorityEs } from './priority-es.ts';
import { agentEs } from './agent-es.ts';
import { settingsEs } from './settings-es.ts';
import { whsecEs } from './whsec-es.ts';
import { whurlEs } from './whurl-es.ts';
import { regwhEs } from './regwh-es.ts';
import { callsEs } from './calls-es.ts';
import { replyFilesEs } from './reply-files-es.ts';
import { prioritiesSettingsEs } from './priorities-settings-es.ts';
import { companyEs } from './company-es.ts';
import { portalSettingsEs } from './portal-settings-es.ts';
import { strategyEs } from './strategy-es.ts';
import { strategyEditEs } from './strategy-edit-es.ts';
import { dashEs } from './dash-es.ts';
import { forecastEs } from './forecast-es.ts';
import { reconEs } from './recon-es.ts';
import { payoutsEs } from './payouts-es.ts';
import { importsEs } from './imports-es.ts';
import { ssoEs } from './sso-es.ts';
import { templatesEs } from './templates-es.ts';
import { engineEs } from './engine-es.ts';
import { disputeEs } from './dispute-es.ts';
import { evidenceEs } from './evidence-es.ts';
import { privacyEs } from './privacy-es.ts';
import { filesEs } from './files-es.ts';
import type { Messages } from './en.ts';

export const es: Messages = {
  'nav.main': 'Principal', 'nav.skip': 'Ir al contenido', 'nav.dashboard': 'Panel', 'nav.customers': 'Clientes', 'nav.invoices': 'Facturas',
  'nav.payments': 'Pagos', 'nav.aging': 'Antigüedad', 'nav.imports': 'Importaciones', 'nav.settings': 'Ajustes', 'nav.language': 'Idioma',
  'nav.signOut': 'Cerrar sesión',
  'common.loading': 'Cargando…', 'common.error': 'Algo salió mal', 'common.exportCsv': 'Exportar CSV', 'common.exporting': 'Exportando…',
  'common.loadMore': 'Cargar más', 'common.all': 'Todos', 'common.balance': 'Saldo', 'common.clear': 'quitar', 'common.clearFilters': 'Quitar filtros',
  'common.created': 'Creado', 'common.currency': 'Moneda', 'common.customer': 'Cliente', 'common.notFound': 'Página no encontrada',
  'common.openList': 'ver todas', 'common.optional': 'opcional', 'common.shown': '{n} mostradas',
  'table.empty': 'No hay nada aquí.', 'table.sortBy': 'Ordenar por {column}',
  'signIn.title': 'Inicia sesión en tu espacio de trabajo', 'signIn.email': 'Correo electrónico', 'signIn.password': 'Contraseña', 'signIn.submit': 'Entrar',
  'signIn.wrong': 'El correo o la contraseña no son correctos.', 'signIn.hint': '¿Usas la demo? La contraseña de admin@demo.cobro se imprime al arrancar cobro.',
  'role.admin': 'Administrador', 'role.manager': 'Responsable', 'role.collector': 'Gestor de cobro', 'role.viewer': 'Solo lectura',
  'status.open': 'Abierta', 'status.partially_paid': 'Pago parcial', 'status.paid': 'Pagada', 'status.disputed': 'En disputa',
  'status.written_off': 'Castigada', 'status.cancelled': 'Anulada', 'status.reversed': 'Revertido',
  'bucket.current': 'Por vencer', 'bucket.d1_30': '1–30 días', 'bucket.d31_60': '31–60', 'bucket.d61_90': '61–90', 'bucket.d91_120': '91–120',
  'bucket.over_120': '120+',
  'channel.email': 'Correo', 'channel.sms': 'SMS', 'channel.whatsapp': 'WhatsApp', 'channel.voice': 'Voz',
  'consent.channel': 'consentimiento de contacto', 'consent.automated_calls': 'llamadas automáticas', 'consent.whatsapp_opt_in': 'alta en WhatsApp',
  'consent.employer_email': 'correo del empleador',
  'consent.everyChannel': 'Todos los canales', 'consent.onEveryChannel': 'todos los canales', 'consent.kindEveryChannel': '{kind} (todos los canales)',
  'decision.allow': 'Permitido', 'decision.defer': 'Aplazado', 'decision.block': 'Bloqueado',
  'dashboard.title': 'Panel', 'dashboard.overdue': 'Total vencido', 'dashboard.asOf': 'al {date}', 'dashboard.overdueIn': 'Vencido en {currency}',
  'dashboard.ofBalance': 'de {total} abierto en {n} facturas', 'dashboard.aging': 'Antigüedad de saldos', 'dashboard.agingChart': 'Antigüedad de saldos en {currency}',
  'dashboard.fullAging': 'Informe completo por cliente', 'dashboard.collected': 'Cobrado', 'dashboard.thisWeek': 'Esta semana',
  'dashboard.thisMonth': 'Este mes', 'dashboard.noPayments': 'Aún no hay pagos este mes.', 'dashboard.topBalances': 'Mayores saldos en {currency}',
  'dashboard.overdueShort': 'Vencido', 'dashboard.nothing': 'Aún no hay facturas abiertas: importa algunas para ver dónde está el dinero.',
  'dashboard.kpi': 'Últimos 30 días en {currency}', 'dashboard.dso': 'DSO (días)', 'dashboard.countBack': 'DSO por meses (días)',
  'dashboard.bestDso': 'Mejor DSO posible (días)', 'dashboard.delinquent': 'Días promedio de atraso', 'dashboard.cei': 'Efectividad de cobranza',
  'dashboard.keptRate': 'Promesas cumplidas', 'dashboard.contactRate': 'Tasa de contacto',
  'customers.title': 'Clientes', 'customers.search': 'Buscar', 'customers.searchHint': 'Nombre, o id externo exacto', 'customers.name': 'Nombre',
  'customers.externalId': 'Id externo', 'customers.country': 'País', 'customers.email': 'Correo', 'customers.phone': 'Teléfono',
  'customers.preferredChannel': 'Canal preferido', 'customers.language': 'Idioma', 'customers.timezone': 'Zona horaria',
  'customer.balances': 'Saldos', 'customer.noBalance': 'Nada pendiente.', 'customer.openIn': 'Pendiente en {currency}',
  'customer.openInvoices': '{n} facturas abiertas', 'customer.credit': 'saldo a favor {amount}', 'customer.contact': 'Datos de contacto', 'customer.tags': 'Etiquetas',
  'customer.contactLaw': 'Consentimientos y bajas', 'customer.consents': 'Consentimientos', 'customer.noConsents': 'No hay consentimientos registrados.',
  'customer.optOuts': 'Bajas (no contactar)', 'customer.noOptOuts': 'Sin bajas.', 'customer.optOutAll': 'Todos los canales', 'customer.revoked': 'revocado el {date}',
  'customer.lifted': 'levantada el {date}', 'customer.decisions': 'Comprobaciones de contacto', 'customer.noDecisions': 'Aún no se ha consultado al filtro de contacto por este cliente.',
  'customer.until': 'hasta {date}',
  'customer.statedTimes': 'Horarios en que no contactar, dichos por el deudor', 'customer.noStatedTimes': 'Sin horarios indicados.',
  'customer.everyDay': 'todos los días', 'customer.allDay': 'todo el día', 'customer.replacedBy': 'reemplazado el {date}, {why}',
  'invoices.title': 'Facturas', 'invoices.filters': 'Filtros de facturas', 'invoices.number': 'Número', 'invoices.status': 'Estado',
  'invoices.issueDate': 'Emitida', 'invoices.dueDate': 'Vence', 'invoices.dpd': 'Días de atraso', 'invoices.amount': 'Importe',
  'invoices.dpdMin': 'Días de atraso, mínimo', 'invoices.dpdMax': 'Días de atraso, máximo', 'invoices.dueFrom': 'Vence desde', 'invoices.dueTo': 'Vence hasta',
  'invoices.openCustomer': 'Ver cliente',
  'payments.title': 'Pagos', 'payments.date': 'Fecha', 'payments.method': 'Medio', 'payments.reference': 'Referencia', 'payments.from': 'Desde',
  'payments.to': 'Hasta', 'payments.unapplied': 'Saldo a favor',
  'aging.title': 'Antigüedad de saldos', 'aging.asOf': 'Al día', 'aging.totals': 'Totales por moneda', 'aging.byCustomer': 'Por cliente', 'aging.total': 'Total',
  'imports.title': 'Importaciones', 'imports.upload': 'Subir un archivo CSV', 'imports.explain': 'Un archivo es una transacción: una línea errónea rechaza todo el archivo y el informe nombra cada línea errónea. Importar el mismo archivo otra vez no cambia nada.',
  'imports.kind': 'Qué contiene el archivo', 'imports.kind.customers': 'Clientes', 'imports.kind.invoices': 'Facturas', 'imports.kind.payments': 'Pagos',
  'imports.file': 'Archivo CSV', 'imports.mapping': 'Mapeo (JSON) para otro formato', 'imports.mappingNotJson': 'El mapeo no es un JSON válido.',
  'imports.submit': 'Importar', 'imports.uploading': 'Importando…', 'imports.needsManager': 'Importar requiere el rol de responsable o administrador.',
  'imports.report': 'Informe', 'imports.completed': 'Importado.', 'imports.rejected': 'Rechazado: {n} líneas erróneas. No se importó nada; corrígelas y sube el archivo otra vez.',
  'imports.rows': 'Filas', 'imports.inserted': 'Insertadas', 'imports.updated': 'Actualizadas', 'imports.unchanged': 'Sin cambios',
  'imports.customersCreated': 'Clientes creados', 'imports.badLines': 'Líneas erróneas', 'imports.line': 'Línea', 'imports.column': 'Columna',
  'imports.reason': 'Motivo', 'imports.moreErrors': 'Se listan las primeras {n}.',
  'settings.title': 'Ajustes', 'settings.adminsOnly': 'Los usuarios y las claves de API los gestionan los administradores.', 'settings.apiKeys': 'Claves de API',
  'settings.keyName': 'Nombre', 'settings.role': 'Rol', 'settings.createKey': 'Crear clave', 'settings.newKey': 'La nueva clave de API:',
  'settings.shownOnce': 'Cópiala ahora: no se guarda y no se puede volver a mostrar.', 'settings.copy': 'Copiar', 'settings.copied': 'Copiada',
  'settings.done': 'Listo', 'settings.prefix': 'Empieza por', 'settings.lastUsed': 'Último uso', 'settings.revoke': 'Revocar',
  'settings.revokeNamed': 'Revocar la clave {name}', 'settings.revokeConfirm': '¿Revocar la clave «{name}» ({prefix}…)? Lo que la use dejará de funcionar.',
  'settings.revokedAt': 'revocada el {date}', 'settings.users': 'Usuarios', 'settings.invite': 'Invitar', 'settings.name': 'Nombre',
  'settings.oneTimePassword': 'Contraseña de un solo uso para {email}:', 'settings.lastSignIn': 'Último acceso', 'settings.never': 'nunca',
  'settings.password': 'Tu contraseña', 'settings.mustChange': 'Entraste con una contraseña de un solo uso: elige la tuya ahora.',
  'settings.currentPassword': 'Contraseña actual', 'settings.newPassword': 'Contraseña nueva (10 caracteres o más)', 'settings.changePassword': 'Cambiar contraseña',
  'settings.passwordChanged': 'Contraseña cambiada; se cerraron tus otras sesiones.',
  ...workEs,
  ...priorityEs,
  ...agentEs,
  ...settingsEs,
  ...whsecEs,
  ...whurlEs,
  ...regwhEs,
  ...callsEs,
  ...replyFilesEs,
  ...prioritiesSettingsEs,
  ...companyEs,
  ...portalSettingsEs,
  ...strategyEs,
  ...strategyEditEs,
  ...dashEs,
  ...forecastEs,
  ...reconEs,
  ...payoutsEs,
  ...importsEs,
  ...ssoEs,
  ...templatesEs,
  ...engineEs,
  ...disputeEs,
  ...evidenceEs,
  ...privacyEs,
  ...filesEs,
};

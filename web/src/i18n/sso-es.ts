// Texto en español del inicio de sesión único (mismas claves que sso-en.ts).
import type { ssoEn } from './sso-en.ts';

export const ssoEs: Record<keyof typeof ssoEn, string> = {
  'sso.button': 'Entrar con {label}', 'sso.or': 'o con tu correo y contraseña', 'sso.orgHint': 'Entrando a una organización con inicio de sesión único.',
  'sso.error.title': 'El inicio de sesión único no funcionó',
  'sso.error.not_configured': 'Esta organización no tiene configurado (o tiene apagado) el inicio de sesión único. Entra con tu correo y contraseña, o pide ayuda a un administrador.',
  'sso.error.state_mismatch': 'Este inicio de sesión no empezó en este navegador, o empezó dos veces. Vuelve a empezar desde esta página.',
  'sso.error.expired': 'El inicio de sesión tardó demasiado. Vuelve a empezar desde esta página.',
  'sso.error.provider_refused': 'Tu proveedor de identidad no te dejó entrar.',
  'sso.error.provider_unreachable': 'No se pudo contactar a tu proveedor de identidad. Inténtalo en un momento o pide a un administrador que revise la configuración.',
  'sso.error.token_exchange_failed': 'Tu proveedor de identidad rechazó la solicitud de cobro; un administrador debe revisar el client id y el secreto.',
  'sso.error.token': 'No se pudo verificar la respuesta de tu proveedor de identidad, así que no entraste. Vuelve a empezar; si se repite, avisa a un administrador.',
  'sso.error.email_unverified': 'Tu proveedor de identidad no ha verificado tu correo.',
  'sso.error.domain_not_allowed': 'El dominio de tu correo no puede entrar a esta organización.',
  'sso.error.user_disabled': 'Tu usuario de cobro está desactivado. Pide ayuda a un administrador.',
  'sso.error.no_account': 'No hay un usuario de cobro con tu correo y esta organización no crea usuarios al primer inicio de sesión. Pide a un administrador que te agregue.',
  'sso.error.no_role': 'Tus grupos en el proveedor de identidad no te dan ningún rol en cobro. Pide ayuda a un administrador.',
  'sso.set.title': 'Inicio de sesión único (OpenID Connect)',
  'sso.set.intro': 'Permite entrar con tu proveedor de identidad (Okta, Entra ID, Google, Keycloak…). Registra en el proveedor la URI de redirección de abajo.',
  'sso.set.label': 'Nombre del botón', 'sso.set.issuer': 'URL del emisor (issuer)', 'sso.set.clientId': 'Client id', 'sso.set.clientSecret': 'Secreto del cliente',
  'sso.set.secretKept': 'Guardado ({hint}); déjalo vacío para conservarlo.', 'sso.set.domains': 'Dominios de correo permitidos', 'sso.set.domainsHint': 'Separados por comas, p. ej. acme.com, acme.mx',
  'sso.set.createUsers': 'Crear usuarios en su primer inicio de sesión', 'sso.set.defaultRole': 'Rol de los usuarios nuevos', 'sso.set.noRole': '— rechazarlos —',
  'sso.set.roleClaim': 'Claim del rol (opcional)', 'sso.set.roleMap': 'Valor del claim = rol', 'sso.set.roleMapHint': 'Uno por línea, p. ej. cobro-admins = admin',
  'sso.set.enabled': 'Mostrar el botón de inicio de sesión', 'sso.set.save': 'Guardar', 'sso.set.saved': 'Guardado.', 'sso.set.remove': 'Quitar el inicio de sesión único',
  'sso.set.removeConfirm': '¿Quitar el inicio de sesión único? Los usuarios conservan sus cuentas.', 'sso.set.redirectUri': 'URI de redirección', 'sso.set.signInLink': 'Enlace de inicio de sesión de esta organización',
  'sso.set.none': 'Sin configurar: se entra con correo y contraseña.',
};

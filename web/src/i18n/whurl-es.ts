// Textos de las URL de webhook que se registran en un proveedor (Configuración · Canales y credenciales) y de los conteos de claves de SendGrid.
import type { whurlEn } from './whurl-en.ts';

export const whurlEs: Record<keyof typeof whurlEn, string> = {
  'whu.title': 'URL de webhook de {provider}',
  'whu.intro': 'Registre estas direcciones en {provider} para que lo que informa (entregas, respuestas, pagos) vuelva a cobro. Cada una es propia de esta organización.',
  'whu.none': '{provider} no envía nada de vuelta a cobro: no hay URL de webhook que registrar.',
  'whu.noPublicUrl': 'La dirección pública del servidor (COBRO_PUBLIC_URL) no está configurada, así que cobro no puede decir qué URL registrar. Pida a quien administra cobro que la configure con la dirección https pública y lo reinicie.',
  'whu.url': 'URL', 'whu.for': 'Qué trae', 'whu.setBy': 'Quién la configura', 'whu.you': 'usted, en {provider}', 'whu.cobro': 'cobro, en cada solicitud',
  'whu.copyUrl': 'Copiar la URL de {purpose}',
  'whu.twilio.messages': 'Estados de mensajes y SMS/WhatsApp entrantes: "A message comes in" del número (cobro también la pone como StatusCallback)',
  'whu.twilio.incoming': 'Llamadas que hace el deudor: "A call comes in" del número (HTTP POST)',
  'whu.twilio.voice': 'Estados de llamadas', 'whu.twilio.gather': 'Teclas y voz del menú de la llamada', 'whu.twilio.dialed': 'Cómo terminó una llamada pasada a un agente',
  'whu.meta.whatsapp': 'La URL de callback de la app (con el verify_token): estados de mensajes y mensajes entrantes',
  'whu.mailgun.events': 'Eventos de entrega: entregado, abierto, fallas permanentes, quejas, bajas',
  'whu.mailgun.inbound': 'Respuestas: el forward() de una ruta',
  'whu.sendgrid.events': 'Eventos de entrega: el Event Webhook firmado (Settings > Mail Settings)',
  'whu.sendgrid.inbound': 'Respuestas: el webhook de Inbound Parse, firmado por una política de seguridad (su clave como parse_public_key)',
  'whu.smtp.events': 'Eventos de su propio sistema de correo (entregado, rebotado, respuesta), firmados con webhook_secret',
  'whu.stripe.events': 'Eventos de pagos, reembolsos, contracargos y liquidaciones: el endpoint cuyo secreto de firma es webhook_secret',
  'whu.mercadopago.events': 'Notificaciones de pagos', 'whu.adyen.events': 'Un Standard webhook (JSON) cuya clave HMAC es hmac_key',
  'whu.paypal.events': 'El listener de webhooks cuyo id es webhook_id',
  'whs.keysIntro': 'Las claves de verificación de SendGrid son sus ajustes webhook_public_key y previous_webhook_public_key (se cambian en el formulario de arriba). La lista muestra cuándo cada clave verificó un envío por última vez y cuántos verificó.',
};

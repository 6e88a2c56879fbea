// Textos de la configuración de las llamadas que hace el deudor (Configuración · Canales y credenciales) y de los motivos de una transferencia perdida.
export const callsEs = {
  'cs.title': 'Llamadas que hace el deudor',
  'cs.intro': 'Cómo una llamada a su número comprueba quién llama antes de decir el saldo, y cuánto suena el teléfono de una persona cuando quien llama pide hablar con alguien.',
  'cs.code_attempts': 'Códigos erróneos antes de anular el código', 'cs.code_minutes': 'Minutos para marcar el código', 'cs.ring_seconds': 'Segundos que suena el teléfono de la persona',
  'cs.range': 'De {min} a {max} (por defecto {default}).',
  'cs.screen_seconds': 'Segundos que tiene la persona para marcar 1', 'cs.speech_threshold': 'Confianza necesaria en lo dicho en una llamada',
  'cs.screen': 'Cuando el teléfono de la persona contesta, se le pide (dos veces) marcar 1 antes de transferir la llamada: un buzón de voz no puede, así que cuenta como llamada perdida con una tarea para devolverla. Lo dicho en cualquier llamada y reconocido con menos confianza que la indicada no se usa: se le pregunta de nuevo al deudor y después lo atiende una persona.',
  'cs.machine_detection': 'Distinguir a una persona que no marcó 1 de un buzón de voz (detección de contestador de Twilio)',
  'cs.machine_detection_hint': 'Twilio escucha el teléfono que contesta y dice si fue una persona o una máquina; Twilio lo cobra por llamada. Una persona que contestó pero no marcó 1 aparece así en la tarea para devolver la llamada.',
  'cs.save': 'Guardar la configuración de llamadas', 'cs.refused': '{field} no se guardó: {message}',
  'tl.missed.voicemail': 'Transferida a una persona y contestó su buzón de voz: devuelva la llamada',
  'tl.missed.no_outcome': 'Transferida a una persona y cobro nunca supo si contestó: devuelva la llamada',
  'tl.missed.not_accepted': 'Transferida a una persona que contestó pero no marcó 1: devuelva la llamada',
};

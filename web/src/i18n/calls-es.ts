// Textos de la configuración de las llamadas que hace el deudor (Configuración · Canales y credenciales) y de los motivos de una transferencia perdida.
export const callsEs = {
  'cs.title': 'Llamadas que hace el deudor',
  'cs.intro': 'Cómo una llamada a su número comprueba quién llama antes de decir el saldo, y cuánto suena el teléfono de una persona cuando quien llama pide hablar con alguien.',
  'cs.code_attempts': 'Códigos erróneos antes de anular el código', 'cs.code_minutes': 'Minutos para marcar el código', 'cs.ring_seconds': 'Segundos que suena el teléfono de la persona',
  'cs.range': 'De {min} a {max} (por defecto {default}).',
  'cs.screen': 'Cuando el teléfono de la persona contesta, se le pide marcar 1 antes de transferir la llamada: un buzón de voz no puede, así que cuenta como llamada perdida con una tarea para devolverla.',
  'cs.save': 'Guardar la configuración de llamadas', 'cs.refused': '{field} no se guardó: {message}',
  'tl.missed.voicemail': 'Transferida a una persona y contestó su buzón de voz: devuelva la llamada',
  'tl.missed.no_outcome': 'Transferida a una persona y cobro nunca supo si contestó: devuelva la llamada',
};

// Textos del botón «Registrar webhooks» de la tarjeta de un proveedor (Configuración · Canales y credenciales).
import type { regwhEn } from './regwh-en.ts';

export const regwhEs: Record<keyof typeof regwhEn, string> = {
  'regwh.button': 'Registrar webhooks',
  'regwh.intro': 'cobro puede registrar estas URL en {provider} por sí mismo, con la API de {provider}, y guardar lo que {provider} devuelve para verificarlas. Repetirlo no cambia nada.',
  'regwh.result': 'Resultado en {provider}',
  'regwh.outcome.registered': 'Registrados en {provider}.',
  'regwh.outcome.updated': 'Actualizados en {provider}.',
  'regwh.outcome.unchanged': 'Ya estaban registrados en {provider}: no cambió nada.',
  'regwh.outcome.failed': '{provider} rechazó una parte: vea abajo.',
  'regwh.step.registered': 'Registrado', 'regwh.step.updated': 'Actualizado', 'regwh.step.unchanged': 'Ya estaba', 'regwh.step.failed': 'Falló',
};

// La sección de transferencia bancaria del portal en español.
import type { transferEn } from './transfer-en.ts';

export const transferEs: typeof transferEn = {
  'transfer.title': 'Pagar por transferencia bancaria', 'transfer.intro': 'Transfiere a esta cuenta desde tu banco e indica la referencia, para que tu pago se identifique de inmediato.',
  'transfer.reference': 'Referencia a indicar', 'transfer.copy': 'Copiar', 'transfer.copyOf': 'Copiar {label}', 'transfer.copied': '{label} copiado.',
  'transfer.copyFailed': 'No se pudo copiar: selecciona el texto y cópialo.',
  'transfer.qrEpc': 'Código QR para pagar por transferencia SEPA', 'transfer.qrPix': 'Código QR de PIX',
  'transfer.qrHelp': 'Escanéalo con la app de tu banco: la cuenta, el importe y la referencia se completan solos.', 'transfer.pixCode': 'Código PIX copia y pega',
};

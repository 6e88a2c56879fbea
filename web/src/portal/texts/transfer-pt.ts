// A seção de transferência bancária do portal em português.
import type { transferEn } from './transfer-en.ts';

export const transferPt: typeof transferEn = {
  'transfer.title': 'Pagar por transferência bancária', 'transfer.intro': 'Transfira para esta conta pelo seu banco e informe a referência, para que seu pagamento seja identificado na hora.',
  'transfer.reference': 'Referência a informar', 'transfer.copy': 'Copiar', 'transfer.copyOf': 'Copiar {label}', 'transfer.copied': '{label} copiado.',
  'transfer.copyFailed': 'Não foi possível copiar: selecione o texto e copie.',
  'transfer.qrEpc': 'QR Code para pagar por transferência SEPA', 'transfer.qrPix': 'QR Code Pix',
  'transfer.qrHelp': 'Escaneie com o app do seu banco: a conta, o valor e a referência já vêm preenchidos.', 'transfer.pixCode': 'Pix Copia e Cola',
};

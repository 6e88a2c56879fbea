// Bank transfer details: the org's accounts per currency (validated by country, check digits included), stored sealed
// under field encryption, and written for the debtor with the reference to quote.
export { TRANSFER_KINDS, PIX_KEY_TYPES, REFERENCE_KINDS, KIND_CURRENCIES, SENSITIVE_FIELDS, transferAccountSchema, transferSettingsBody, pixKeyProblem,
  type TransferKind, type PixKeyType, type TransferAccount, type TransferAccountInput, type TransferSettings, type TransferSettingsInput } from './schema.ts';
export { ibanProblem, bicProblem, routingProblem, clabeProblem, cbuProblem, cpfProblem, cnpjProblem } from './check-digits.ts';
export { TRANSFER_TEXTS, REFERENCE_MAX, accountLines, mainLine, qrKey, transferReference, transferView, type TransferLanguage, type TransferLine, type TransferView } from './display.ts';
export { getTransferSettings, setTransferSettings, validateTransferSettings, transferNumbersSealed, NO_TRANSFER_SETTINGS } from './store.ts';
export { epcPayload, pixPayload, crc16, isCreditorReference, EPC_MAX_BYTES, type EpcInput, type PixInput } from './qr-payload.ts';
export { accountQr, accountQrPayload, pixKeyOf, QR_FORMATS, type QrFormat, type TransferQr } from './qr-account.ts';
export { qrMatrix, qrSvg, darkRuns, QUIET_ZONE, type QrMatrix } from './qr-code.ts';
export { qrPng, pngSide } from './qr-png.ts';
export { transferQrFor, type TransferQrAnswer, type QrTarget } from './qr-store.ts';

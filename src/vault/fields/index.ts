// Field encryption: customers' emails, numbers, tax ids and bank accounts, and their copies elsewhere, sealed under per-org
// data keys wrapped by the master key.
export { configureFieldKeys, masterKeyId, rewrapUnderCurrentMaster } from './keyring.ts';
export { FieldDecryptError, isSealed, sealedUnder, blindIndex, normaliseForIndex, sealField, openField, type DataKey } from './envelope.ts';
export { sealerFor, storedContact, storedMetadata, openCustomerRow, openCustomerRows, openCustomerValue, CONTACT_FIELDS, TAX_ID_KEYS, BANK_ACCOUNT_KEYS, SEALED_METADATA_KEYS, type Sealer } from './customer-fields.ts';
export { addressMatch, customerIdByAddress, looksLikeEmail } from './lookup.ts';
export { setFieldEncryption, rotateDataKey, runFieldBatch, runFieldJob, type JobCounts } from './switch.ts';
export { fieldEncryptionStatus, type FieldEncryptionStatus } from './status.ts';
export { COPY_FIELDS, PAYER_ACCOUNT_FIELD, ACCOUNT_INDEX_PREFIX, addressKind, storedCopy, addressIndex, openCopy, openCopies, storedPayerAccount,
  payerAccountKeys, payerAccountKeyer, openPayerAccount, addressLookupIndex, type CopyField } from './copies.ts';
export { TRANSFER_ACCOUNT_FIELDS, transferAccountField } from './transfer-accounts.ts';

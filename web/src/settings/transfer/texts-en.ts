// The bank transfer settings card in English.
export const transferSettingsEn = {
  title: 'Bank transfer details', intro: 'How debtors pay by bank transfer: shown in the portal for the currency they owe, in the statement PDF and in messages that name {{bank_transfer}}. Check digits are verified when saved.',
  none: 'No accounts yet: debtors are not shown how to pay by transfer.', adminsOnly: 'Only admins change the accounts money is paid into.',
  currency: 'Currency', kind: 'Kind', details: 'Details', remove: 'Remove', add: 'Add an account', save: 'Save accounts', saved: 'Saved.',
  reference: 'Reference debtors quote', 'reference.invoice_numbers': 'The invoice numbers (matched best on bank statements)', 'reference.customer_reference': 'The customer\'s reference',
  'kind.sepa': 'SEPA (IBAN and BIC)', 'kind.us_ach': 'US ACH (routing and account)', 'kind.mx_clabe': 'Mexico (CLABE)', 'kind.br_pix': 'Brazil (PIX key)',
  'kind.ar_cbu': 'Argentina (CBU/CVU)', 'kind.other': 'Other (account number and bank)',
  beneficiary_name: 'Beneficiary', bank_name: 'Bank', label: 'Label (optional)', iban: 'IBAN', bic: 'BIC', routing_number: 'Routing number',
  account_number: 'Account number', account_type: 'Account type', clabe: 'CLABE', pix_key_type: 'PIX key type', pix_key: 'PIX key', cbu: 'CBU or CVU',
  alias: 'Alias', city: 'City (for the PIX QR code)', swift: 'SWIFT/BIC', routing_code: 'Bank or branch code',
};
export type TransferTexts = typeof transferSettingsEn;

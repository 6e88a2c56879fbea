// The portal's bank transfer section in English (the account details' own labels come with the account, in the debtor's language).
export const transferEn = {
  'transfer.title': 'Pay by bank transfer', 'transfer.intro': 'Transfer to this account from your bank and quote the reference, so that your payment is found at once.',
  'transfer.reference': 'Reference to quote', 'transfer.copy': 'Copy', 'transfer.copyOf': 'Copy {label}', 'transfer.copied': '{label} copied.',
  'transfer.copyFailed': 'Could not copy: select the text and copy it.',
};

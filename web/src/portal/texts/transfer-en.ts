// The portal's bank transfer section in English (the account details' own labels come with the account, in the debtor's language).
export const transferEn = {
  'transfer.title': 'Pay by bank transfer', 'transfer.intro': 'Transfer to this account from your bank and quote the reference, so that your payment is found at once.',
  'transfer.reference': 'Reference to quote', 'transfer.copy': 'Copy', 'transfer.copyOf': 'Copy {label}', 'transfer.copied': '{label} copied.',
  'transfer.copyFailed': 'Could not copy: select the text and copy it.',
  'transfer.qrEpc': 'QR code to pay by SEPA transfer', 'transfer.qrPix': 'PIX QR code',
  'transfer.qrHelp': 'Scan it with your banking app: the account, the amount and the reference are filled in for you.', 'transfer.pixCode': 'PIX copy and paste code',
};

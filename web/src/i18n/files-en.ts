// Texts of the files debtors send with their replies (a receipt's photo, a PDF), on the case's timeline.
export const filesEn = {
  'files.label': 'Files sent with the reply',
  'files.photo': 'Photo sent by the debtor', 'files.pdf': 'PDF sent by the debtor',
  'files.open': 'Open {name}',
  'files.pending': 'A file is being fetched from the provider.',
  'files.refused': 'A file was not kept: too large, or not a photo or PDF.',
  'files.failed': 'A file could not be fetched from the provider.',
};

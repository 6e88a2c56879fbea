// Text of the limits on files debtors send with replies (Settings · Channels and credentials).
export const replyFilesEn = {
  'rf.title': 'Files sent with replies',
  'rf.intro': 'Photos and PDFs debtors send as proof of a payment, on WhatsApp, MMS or email: the largest one kept (a larger one is refused and said so on the reply), and how long one download from WhatsApp or Twilio may take before it is tried again later.',
  'rf.max_file_mb': 'Largest file kept (MB)', 'rf.fetch_timeout_seconds': 'Seconds one download may take',
  'rf.save': 'Save file limits',
};

// Texts of the settings page where an org writes its own wording of the shipped templates.
export const templatesEn = {
  'set.nav.templates': 'Templates',
  'set.tpl.title': 'Your own template texts', 'set.tpl.intro': 'Replace the text of a shipped template for one channel, tone and language. cobro keeps the greeting, closing, footer with the unsubscribe link, SMS opt-out and the notices the law asks for around it. A text is saved only when the template lints pass.',
  'set.tpl.template': 'Template', 'set.tpl.channel': 'Channel', 'set.tpl.tone': 'Tone', 'set.tpl.ownId': 'Or a template of your own (id org-...)', 'set.tpl.anyTone': 'any (every tone without its own text)', 'set.tpl.language': 'Language',
  'set.tpl.subject': 'Subject', 'set.tpl.body': 'Text', 'set.tpl.whatsappName': 'Approved WhatsApp template name', 'set.tpl.save': 'Save text',
  'set.tpl.saved': 'Saved, version {version}.', 'set.tpl.refused': 'Not saved ({field}): {message}', 'set.tpl.warning': 'Warning: {warning}',
  'set.tpl.list': 'Your texts', 'set.tpl.version': 'Version', 'set.tpl.remove': 'Remove', 'set.tpl.edit': 'Edit',
  'set.tpl.removeConfirm': 'Remove your text of {template} ({channel}, {tone}, {language})? The shipped text is used again.',
  'set.tpl.pv.title': 'Preview', 'set.tpl.pv.for': 'Preview for', 'set.tpl.pv.sample': 'Sample debtor', 'set.tpl.pv.empty': 'Type a text to see it here.',
  'set.tpl.pv.refused': 'Would not be saved ({field}):', 'set.tpl.pv.cannot': 'This text cannot be rendered yet.', 'set.tpl.pv.emailFrame': 'Email preview',
  'set.tpl.pv.segments': '{segments} segment(s), {encoding}, {units} units', 'set.tpl.pv.waTemplate': 'Approved template {name} ({language}), parameters:',
  'set.tpl.pv.problems': 'Blocked at send for this customer: {list}',
  'sf.title': 'Accents in SMS',
  'sf.intro': 'One letter that GSM-7 lacks (á, í, ó, ú, ã, ç ...) makes a whole SMS go as UCS-2, 67 characters a segment instead of 153, and each segment is billed. Every SMS cobro sends (reminders, your own texts, confirmations, the agent\'s answers) follows this setting; WhatsApp and email always keep their accents.',
  'sf.auto': 'Leave accents out when that takes fewer segments', 'sf.auto.hint': '"días" is sent as "dias", in the names of the debtor and of your company too; ñ and é stay (GSM-7 has them). A text with an emoji keeps everything.',
  'sf.never': 'Always keep accents', 'sf.never.hint': 'Spanish and Portuguese SMS go as UCS-2 and may take more segments (and cost more); a bank transfer line is left out when it would take an SMS past three.',
  'sf.default': '(default)', 'sf.save': 'Save SMS setting', 'sf.refused': 'Not saved: {message}',
};

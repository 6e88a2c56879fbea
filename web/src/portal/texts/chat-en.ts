// The portal chat's words in English (merged into the portal's English words; Spanish and Portuguese have the same keys).
export const chatEn = {
  'chat.title': 'Write to us', 'chat.intro': 'Our automated assistant answers at once, in your language; a person from {org} takes over when needed.',
  'chat.log': 'Conversation with {org}', 'chat.empty': 'No messages yet. You can ask for the payment link, say when you will pay, ask for instalments or more time, or ask for a person.',
  'chat.label': 'Your message', 'chat.hint': 'Enter sends; Shift+Enter starts a new line. Never write card numbers here.',
  'chat.send': 'Submit message', 'chat.sending': 'Sending…', 'chat.you': 'You', 'chat.agent': 'Automated assistant', 'chat.person': '{org}',
  'chat.pending': 'The assistant will answer shortly.', 'chat.withPerson': 'A person from {org} will answer you here.',
  'chat.off': 'We received your message. Someone from {org} will answer.', 'chat.pay': 'Go to payment',
  'chat.error.text': 'Please write a message of up to 1000 characters.',
};

// Text of the settings of calls the debtor makes (Settings · Channels and credentials), and the missed-call reasons of a put-through.
export const callsEn = {
  'cs.title': 'Calls the debtor makes',
  'cs.intro': 'How a call to your number checks who is calling before the balance is said, and how long a person\'s phone rings when a caller asks for one.',
  'cs.code_attempts': 'Wrong codes before the code is void', 'cs.code_minutes': 'Minutes to type the code', 'cs.ring_seconds': 'Seconds the person\'s phone rings',
  'cs.range': 'From {min} to {max} (default {default}).',
  'cs.screen': 'When the person\'s phone answers, they are asked to press 1 before the caller is put through: a voicemail cannot, so it counts as a missed call with a call-back task.',
  'cs.save': 'Save call settings', 'cs.refused': '{field} was not saved: {message}',
  'tl.missed.voicemail': 'Put through to a person, and their voicemail answered: call them back',
  'tl.missed.no_outcome': 'Put through to a person, and cobro never learned whether they answered: call them back',
};

// Text of the settings of calls the debtor makes (Settings · Channels and credentials), and the missed-call reasons of a put-through.
export const callsEn = {
  'cs.title': 'Calls the debtor makes',
  'cs.intro': 'How a call to your number checks who is calling before the balance is said, and how long a person\'s phone rings when a caller asks for one.',
  'cs.code_attempts': 'Wrong codes before the code is void', 'cs.code_minutes': 'Minutes to type the code', 'cs.ring_seconds': 'Seconds the person\'s phone rings',
  'cs.range': 'From {min} to {max} (default {default}).',
  'cs.screen_seconds': 'Seconds the person has to press 1', 'cs.speech_threshold': 'Speech confidence needed on a call',
  'cs.screen': 'When the person\'s phone answers, they are asked (twice) to press 1 before the caller is put through: a voicemail cannot, so it counts as a missed call with a call-back task. Words said on any call and recognised with less confidence than the one set are not acted on: the debtor is asked again, then a person takes over.',
  'cs.machine_detection': 'Tell a person who did not press 1 from a voicemail (Twilio\'s answering machine detection)',
  'cs.machine_detection_hint': 'Twilio listens to the answered phone and says whether a person or a machine picked up; Twilio bills it per call. A person who answered but did not press 1 is then shown as such on the call-back task.',
  'cs.save': 'Save call settings', 'cs.refused': '{field} was not saved: {message}',
  'tl.missed.voicemail': 'Put through to a person, and their voicemail answered: call them back',
  'tl.missed.no_outcome': 'Put through to a person, and cobro never learned whether they answered: call them back',
  'tl.missed.not_accepted': 'Put through to a person, who answered but did not press 1: call them back',
};

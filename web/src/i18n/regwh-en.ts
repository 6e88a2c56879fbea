// Texts of the "Register webhooks" button on a provider's card (Settings · Channels and credentials).
export const regwhEn = {
  'regwh.button': 'Register webhooks',
  'regwh.intro': 'cobro can set these URLs at {provider} itself, through {provider}\'s API, and keep what {provider} gives back to check them. Running it again changes nothing.',
  'regwh.result': 'Result at {provider}',
  'regwh.outcome.registered': 'Registered at {provider}.',
  'regwh.outcome.updated': 'Updated at {provider}.',
  'regwh.outcome.unchanged': 'Already registered at {provider}: nothing changed.',
  'regwh.outcome.failed': '{provider} refused part of it: see below.',
  'regwh.step.registered': 'Registered', 'regwh.step.updated': 'Updated', 'regwh.step.unchanged': 'Already set', 'regwh.step.failed': 'Failed',
};

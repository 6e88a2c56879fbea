// Text of the webhook secret rotation panel under a provider's credentials (WH-5).
export const whsecEn = {
  'whs.title': 'Webhook signing secrets of {provider}',
  'whs.intro': 'To change the secret {provider} signs its webhooks with, add the new one here: deliveries signed with the old one are still accepted until you retire it, or until its hours run out. The list shows when each secret last verified a delivery.',
  'whs.role': 'Secret', 'whs.current': 'In force', 'whs.previous': 'Replaced', 'whs.ends': 'Ends with', 'whs.state': 'State',
  'whs.active': 'accepted', 'whs.expired': 'expired', 'whs.retired': 'retired', 'whs.until': 'Accepted until', 'whs.lastUsed': 'Last delivery',
  'whs.count': 'Deliveries', 'whs.notCounted': 'not counted', 'whs.never': 'none yet',
  'whs.new': 'New signing secret', 'whs.keep': 'Keep the old one accepted for (hours)', 'whs.add': 'Add the new secret',
  'whs.added': 'The new secret is in force; the old one is still accepted.', 'whs.retire': 'Retire', 'whs.retireConfirm': 'Stop accepting the secret ending {hint}?',
  'whs.retiredNow': 'The replaced secret is retired.',
};

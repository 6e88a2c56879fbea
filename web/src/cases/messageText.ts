// The words of a rendered message, whatever its channel: an email's subject and text, an SMS, a WhatsApp preview, a call's script.
export function messageText(content: Record<string, unknown>): { subject: string | null; body: string } {
  const str = (k: string) => (typeof content[k] === 'string' ? (content[k] as string) : null);
  return { subject: str('subject'), body: str('text') ?? str('preview') ?? str('script') ?? '' };
}

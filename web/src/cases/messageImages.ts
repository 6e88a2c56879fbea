// An email's inline images as the message view shows them: the HTML names each by Content-ID (`<img src="cid:...">`), and
// each cid: reference is rewritten to the API's copy of that image (GET /v1/messages/{id}/images/{content_id}: the payment
// QR code's PNG, or the org's logo, PNG or JPEG, for a signed-in reader). The HTML itself is never put on the page: only
// the references it makes, in its order, each once, and only to images the message says it carries as PNG or JPEG, with
// their alt text.

export interface InlineImage { cid: string; src: string; alt: string }

const CID_REF = /<img\b[^>]*?\bsrc\s*=\s*["']cid:([^"'\s>]{1,200})["']/gi;

/** The URL the view loads a message's inline image from, in place of its cid: reference. */
export const inlineImageUrl = (messageId: string, cid: string): string =>
  `/v1/messages/${encodeURIComponent(messageId)}/images/${encodeURIComponent(cid)}`;

/** The inline images an email's HTML shows, in its order, with their cid: references rewritten; [] for any other message. */
export function inlineImages(messageId: string, content: Record<string, unknown>): InlineImage[] {
  const html = typeof content['html'] === 'string' ? content['html'] : '';
  const images = Array.isArray(content['images']) ? content['images'] as Record<string, unknown>[] : [];
  const out: InlineImage[] = [];
  for (const match of html.matchAll(CID_REF)) {
    const cid = match[1]!;
    const image = images.find((i) => i && i['cid'] === cid && (i['contentType'] === 'image/png' || i['contentType'] === 'image/jpeg'));
    if (!image || out.some((o) => o.cid === cid)) continue;
    out.push({ cid, src: inlineImageUrl(messageId, cid), alt: typeof image['alt'] === 'string' ? image['alt'] : '' });
  }
  return out;
}

// The org's logo at the top of its emails: an inline image part named by Content-ID, sized from its pixel size.
import { escapeHtml } from './render-text.ts';
import type { CompanyLogo, EmailImage, EmailMessage, MessageContext } from './types.ts';

export const LOGO_CID = 'org-logo@cobro';
/** The box the logo is shown in (CSS pixels): its aspect kept, never enlarged. */
export const LOGO_BOX = { width: 200, height: 100 } as const;

/** The size the email shows the logo at: its pixel size fitted into LOGO_BOX, at least 1 px a side. */
export function logoDisplaySize(width: number, height: number): { width: number; height: number } {
  const scale = Math.min(1, LOGO_BOX.width / width, LOGO_BOX.height / height);
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** The logo's block at the top of the HTML part, its alt text the org's name; '' without a logo. */
export function logoHtml(logo: CompanyLogo | undefined, orgName: string): string {
  if (!logo) return '';
  const { width, height } = logoDisplaySize(logo.width, logo.height);
  return `<div style="margin:0 0 24px"><img src="cid:${LOGO_CID}" alt="${escapeHtml(orgName)}" width="${width}" height="${height}" ` +
    `style="display:block;border:0;outline:none;text-decoration:none;max-width:100%;height:auto"></div>`;
}

function logoImage(logo: CompanyLogo, orgName: string): EmailImage {
  return { cid: LOGO_CID, filename: logo.contentType === 'image/png' ? 'logo.png' : 'logo.jpg', contentType: logo.contentType, alt: orgName,
    size: logo.size, content: logo.content, sha256: logo.sha256 };
}

/** The email with the logo's image part first, when its HTML shows the logo; as it is otherwise. */
export function withLogoImage(message: EmailMessage, ctx: MessageContext): EmailMessage {
  const logo = ctx.company.logo;
  if (!logo || !message.html.includes(`src="cid:${LOGO_CID}"`)) return message;
  return { ...message, images: [logoImage(logo, ctx.company.name), ...(message.images ?? [])] };
}

// Whether an email is an automatic reply (an out-of-office, a vacation responder), read from its headers and subject the
// same way whichever way it came (a mailbox's mail, SendGrid's Inbound Parse, a Mailgun route), and the reason it is kept
// with: kept, never answered, never read for STOP or for what the debtor means.
const AUTOMATIC_SUBJECT = /^\s*(automatic reply|auto(matic)?[- ]?reply|out of (the )?office|respuesta autom[áa]tica|fuera de la oficina|ausencia|resposta autom[áa]tica|fora do escrit[óo]rio|aus[êe]ncia)\b/i;

/** One header's value by its name (any case), or undefined when the mail has none. */
export type HeaderOf = (name: string) => string | undefined;

/** Why a mail is automatic (RFC 3834 Auto-Submitted, the X- headers of common responders, an out-of-office subject), or undefined. */
export function automaticBy(header: HeaderOf, subject: string | undefined): string | undefined {
  const submitted = header('auto-submitted')?.trim().toLowerCase();
  if (submitted && submitted !== 'no') return `Auto-Submitted: ${submitted}`;
  for (const name of ['x-autoreply', 'x-autorespond']) if (header(name) !== undefined) return `an ${name} header`;
  const precedence = header('precedence')?.trim().toLowerCase();
  if (precedence === 'auto_reply') return 'Precedence: auto_reply';
  if (AUTOMATIC_SUBJECT.test(subject ?? '')) return 'an out-of-office subject';
  return undefined;
}

/** The headers of a raw header block (SendGrid's `headers` field, a MIME message's head), unfolded. */
export function headerBlock(block: string): HeaderOf {
  const unfolded = block.replace(/\r?\n[ \t]+/g, ' ');
  return (name) => {
    const m = new RegExp(`^${name.replace(/[-]/g, '\\-')}:[ \\t]*(.*)$`, 'im').exec(unfolded);
    return m ? (m[1] ?? '').trim() : undefined;
  };
}

/** Mailgun's `message-headers` field: a JSON list of [name, value] pairs. */
export function headerPairs(json: string | undefined): HeaderOf {
  let pairs: unknown;
  try { pairs = JSON.parse(json ?? '[]'); } catch { pairs = []; }
  const list = Array.isArray(pairs) ? pairs.filter((p): p is [string, string] => Array.isArray(p) && typeof p[0] === 'string' && typeof p[1] === 'string') : [];
  return (name) => list.find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
}

/** What the inbox says of an automatic reply it keeps without applying. */
export const automaticNote = (why: string): string => `an automatic reply (${why}): kept, not answered`;

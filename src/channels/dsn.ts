// Delivery status notifications (RFC 3464): a multipart/report whose message/delivery-status part says, per recipient,
// what happened (Action, Status, Diagnostic-Code), beside the returned message or its headers (which name cobro's send).

export interface RecipientReport {
  recipient?: string;
  action: string;
  /** "5.1.1": 5 a permanent failure, 4 a temporary one, 2 success. */
  status?: string;
  diagnostic?: string;
}

export interface DeliveryReport {
  recipients: RecipientReport[];
  /** The returned message's Message-ID, In-Reply-To/References and X-Cobro-Action, when the report carries them. */
  original: { messageIds: string[]; actionId?: string };
}

/** Header fields of a block: names in lower case, folded lines joined, the first value of each name kept. */
export function headerFields(block: string): Map<string, string> {
  const out = new Map<string, string>();
  const unfolded = block.replace(/\r\n?/g, '\n').replace(/\n[ \t]+/g, ' ');
  for (const line of unfolded.split('\n')) {
    const m = /^([!-9;-~]+):\s*(.*)$/.exec(line);
    if (m && !out.has(m[1]!.toLowerCase())) out.set(m[1]!.toLowerCase(), m[2]!.trim());
  }
  return out;
}

/** The Message-IDs in a header value ("<a@x> <b@y>"), brackets kept. */
export function messageIds(value: string | undefined): string[] {
  return value ? [...value.matchAll(/<[^<>\s]+>/g)].map((m) => m[0]) : [];
}

function headerAndBody(part: string): { head: Map<string, string>; body: string } {
  const at = part.search(/\r?\n\r?\n/);
  if (at < 0) return { head: headerFields(part), body: '' };
  return { head: headerFields(part.slice(0, at)), body: part.slice(at).replace(/^\r?\n\r?\n/, '') };
}

/** The parts of a multipart body one level down (DSN parts are 7-bit text; nested multiparts are not needed here). */
function parts(body: string, boundary: string): string[] {
  const out: string[] = [];
  let current: string[] | null = null;
  for (const line of body.split(/\r?\n/)) {
    const bare = line.trimEnd();
    if (bare === `--${boundary}--`) break;
    if (bare === `--${boundary}`) { if (current) out.push(current.join('\n')); current = []; continue; }
    current?.push(line);
  }
  if (current) out.push(current.join('\n'));
  return out;
}

const typeOf = (head: Map<string, string>) => (head.get('content-type') ?? 'text/plain').split(';')[0]!.trim().toLowerCase();

/** The report of a DSN's raw source; null when the mail is not a delivery-status report. */
export function readDeliveryReport(source: string, boundary: string): DeliveryReport | null {
  const at = source.search(/\r?\n\r?\n/);
  if (at < 0) return null;
  let status: string | undefined;
  let original: DeliveryReport['original'] = { messageIds: [] };
  for (const part of parts(source.slice(at), boundary)) {
    const { head, body } = headerAndBody(part);
    const type = typeOf(head);
    if (type === 'message/delivery-status' || type === 'message/global-delivery-status') status = body;
    else if (type === 'message/rfc822' || type === 'text/rfc822-headers' || type === 'message/global' || type === 'message/global-headers') {
      const returned = headerFields(body.split(/\r?\n\r?\n/)[0] ?? '');
      const action = returned.get('x-cobro-action');
      original = { messageIds: [...messageIds(returned.get('message-id')), ...messageIds(returned.get('in-reply-to'))], ...(action ? { actionId: action } : {}) };
    }
  }
  if (status === undefined) return null;
  // the first block is about the message (Reporting-MTA), each later one about a recipient
  const recipients = status.replace(/\r\n?/g, '\n').split(/\n[ \t]*\n/).slice(1).map(headerFields).filter((f) => f.has('action')).map((f): RecipientReport => {
    const recipient = /;\s*(.+)$/.exec(f.get('final-recipient') ?? f.get('original-recipient') ?? '')?.[1]?.trim();
    const code = /\b([245]\.\d{1,3}\.\d{1,3})\b/.exec(f.get('status') ?? '')?.[1];
    const diagnostic = f.get('diagnostic-code');
    return { action: f.get('action')!.toLowerCase(), ...(recipient ? { recipient: recipient.toLowerCase() } : {}), ...(code ? { status: code } : {}),
      ...(diagnostic ? { diagnostic: diagnostic.slice(0, 500) } : {}) };
  });
  return { recipients, original };
}

export type ReportOutcome =
  | { state: 'bounced'; permanent: true; code: string; message: string }
  | { state: 'failed'; permanent: false; code: string; message: string }
  | { state: 'delivered' }
  | { state: null; note: string };

/** What a report says of cobro's message: the first failed recipient decides (a 5.x.x status a hard bounce, 4.x.x temporary). */
export function reportOutcome(r: DeliveryReport): ReportOutcome {
  const failed = r.recipients.find((x) => x.action === 'failed');
  if (failed) {
    const klass = failed.status?.[0] ?? /\b([45])\d\d\b/.exec(failed.diagnostic ?? '')?.[1];
    const message = `${failed.status ?? 'no status'}${failed.diagnostic ? ` ${failed.diagnostic}` : ''}`.slice(0, 500);
    if (klass === '5') return { state: 'bounced', permanent: true, code: 'HARD_BOUNCE', message };
    return { state: 'failed', permanent: false, code: 'SOFT_BOUNCE', message };
  }
  if (r.recipients.some((x) => x.action === 'delivered' || x.action === 'relayed' || x.action === 'expanded')) return { state: 'delivered' };
  const delayed = r.recipients.find((x) => x.action === 'delayed');
  return { state: null, note: delayed ? `delayed (${delayed.status ?? 'no status'}): the mail system is still trying` : 'a report with no recipient action' };
}

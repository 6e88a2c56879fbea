// Mail as it lands in an org's mailbox: a mail system's delivery status notification (RFC 3464) returning the headers of
// cobro's email, a debtor's reply quoting the reminder, and an out-of-office answer (RFC 3834 Auto-Submitted).

/** A DSN for `recipient`, with `status` (5.1.1 a hard bounce, 4.2.2 temporary) and the returned message's header block. */
export function deliveryReport(o: { id: string; recipient: string; status: string; diagnostic: string; returnedHeaders: string; action?: string }): string {
  return [
    'From: Mail Delivery System <MAILER-DAEMON@mx.sol.example>',
    'To: cobranza@sol.example',
    'Subject: Undelivered Mail Returned to Sender',
    `Message-ID: ${o.id}`,
    'Date: Tue, 10 Mar 2026 17:05:00 +0000',
    'Auto-Submitted: auto-replied',
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status; boundary="=_dsn_7Q"',
    '',
    'This is a MIME-encapsulated message.',
    '',
    '--=_dsn_7Q',
    'Content-Type: text/plain; charset=us-ascii',
    '',
    `Your message to <${o.recipient}> could not be delivered.`,
    '',
    '--=_dsn_7Q',
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.sol.example',
    'Arrival-Date: Tue, 10 Mar 2026 17:00:01 +0000',
    '',
    `Final-Recipient: rfc822; ${o.recipient}`,
    `Original-Recipient: rfc822;${o.recipient}`,
    `Action: ${o.action ?? 'failed'}`,
    `Status: ${o.status}`,
    'Remote-MTA: dns; mx.cliente.example',
    `Diagnostic-Code: smtp; ${o.diagnostic}`,
    '',
    '--=_dsn_7Q',
    'Content-Type: text/rfc822-headers',
    '',
    o.returnedHeaders.trim(),
    '',
    '--=_dsn_7Q--',
    '',
  ].join('\n');
}

/** A reply from `from` answering `inReplyTo`, the reminder quoted under a Spanish attribution as Gmail writes it. */
export function replyMail(o: { id: string; from: string; inReplyTo: string; text: string; quoted: string; headers?: string[]; subject?: string }): string {
  return [
    `From: Ana Ruiz <${o.from}>`,
    'To: Cobranza <cobranza@sol.example>',
    `Subject: ${o.subject ?? 'Re: Su factura está vencida'}`,
    `Message-ID: ${o.id}`,
    `In-Reply-To: ${o.inReplyTo}`,
    `References: ${o.inReplyTo}`,
    'Date: Tue, 10 Mar 2026 17:10:00 +0000',
    ...(o.headers ?? []),
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    o.text,
    '',
    'El mar, 10 mar 2026 a las 11:00, Cobranza <cobranza@sol.example> escribió:',
    ...o.quoted.split('\n').map((l) => `> ${l}`),
    '',
  ].join('\n');
}

/** `inner` (a whole mail) forwarded as an attachment (message/rfc822) by `from`, as a mail client or a bounce box forwards it. */
export function forwardedMail(o: { id: string; from: string; note: string; inner: string }): string {
  return [
    `From: ${o.from}`,
    'To: cobranza@sol.example',
    'Subject: Fwd: Undelivered Mail Returned to Sender',
    `Message-ID: ${o.id}`,
    'Date: Tue, 10 Mar 2026 18:00:00 +0000',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="=_fwd_3K"',
    '',
    '--=_fwd_3K',
    'Content-Type: text/plain; charset=utf-8',
    '',
    o.note,
    '',
    '--=_fwd_3K',
    'Content-Type: message/rfc822',
    'Content-Disposition: attachment; filename="rebote.eml"',
    '',
    o.inner.replace(/\r?\n/g, '\n').trimEnd(),
    '',
    '--=_fwd_3K--',
    '',
  ].join('\n');
}

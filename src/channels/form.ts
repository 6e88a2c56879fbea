// Text fields of a form body, form-encoded or multipart/form-data (files are skipped), as providers post inbound mail.

export type FormFields = Record<string, string>;

function boundaryOf(contentType: string): string | null {
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return m ? (m[1] ?? m[2] ?? null) : null;
}

function multipart(body: Buffer, boundary: string): FormFields {
  const out: FormFields = {};
  const delimiter = Buffer.from(`--${boundary}`);
  let at = body.indexOf(delimiter);
  while (at !== -1) {
    const start = at + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, start);
    if (next === -1) break;
    const part = body.subarray(start + 2, next - 2); // after the line break, before the one ending the part
    const split = part.indexOf('\r\n\r\n');
    if (split !== -1) {
      const headers = part.subarray(0, split).toString('utf8');
      const name = /name="([^"]*)"/i.exec(headers)?.[1];
      if (name !== undefined && !/filename=/i.test(headers) && !(name in out)) out[name] = part.subarray(split + 4).toString('utf8');
    }
    at = next;
  }
  return out;
}

/** The first value of each text field; an unknown content type gives {}. */
export function formFields(body: Buffer, contentType: string | undefined): FormFields {
  const type = (contentType ?? '').toLowerCase();
  if (type.startsWith('multipart/form-data')) {
    const boundary = boundaryOf(contentType ?? '');
    return boundary ? multipart(body, boundary) : {};
  }
  if (!type.startsWith('application/x-www-form-urlencoded')) return {};
  const out: FormFields = {};
  for (const [k, v] of new URLSearchParams(body.toString('utf8'))) if (!(k in out)) out[k] = v;
  return out;
}

// Text fields of a form body, form-encoded or multipart/form-data, as providers post inbound mail; and the files of a
// multipart body (Mailgun's attachment-N), read apart once the signature holds.

export type FormFields = Record<string, string>;

function boundaryOf(contentType: string): string | null {
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return m ? (m[1] ?? m[2] ?? null) : null;
}

interface Part { headers: string; content: Buffer }

function parts(body: Buffer, boundary: string): Part[] {
  const out: Part[] = [];
  const delimiter = Buffer.from(`--${boundary}`);
  let at = body.indexOf(delimiter);
  while (at !== -1) {
    const start = at + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, start);
    if (next === -1) break;
    const part = body.subarray(start + 2, next - 2); // after the line break, before the one ending the part
    const split = part.indexOf('\r\n\r\n');
    if (split !== -1) out.push({ headers: part.subarray(0, split).toString('utf8'), content: part.subarray(split + 4) });
    at = next;
  }
  return out;
}

const nameOf = (headers: string) => /\bname="([^"]*)"/i.exec(headers)?.[1];
const filenameOf = (headers: string) => /filename="([^"]*)"/i.exec(headers)?.[1];

function multipart(body: Buffer, boundary: string): FormFields {
  const out: FormFields = {};
  for (const p of parts(body, boundary)) {
    const name = nameOf(p.headers);
    if (name !== undefined && !/filename=/i.test(p.headers) && !(name in out)) out[name] = p.content.toString('utf8');
  }
  return out;
}

/** A file part of a multipart/form-data body: its field name, the file name and type the sender gave, and its bytes. */
export interface FormFile { field: string; filename?: string; contentType?: string; data: Buffer }

/** The file parts of a multipart/form-data body (none for any other type), in order. */
export function formFiles(body: Buffer, contentType: string | undefined): FormFile[] {
  if (!(contentType ?? '').toLowerCase().startsWith('multipart/form-data')) return [];
  const boundary = boundaryOf(contentType ?? '');
  if (!boundary) return [];
  return parts(body, boundary).filter((p) => /filename=/i.test(p.headers)).map((p) => {
    const filename = filenameOf(p.headers);
    const type = /^content-type:\s*([^\r\n]+)/im.exec(p.headers)?.[1]?.trim();
    return { field: nameOf(p.headers) ?? '', ...(filename ? { filename } : {}), ...(type ? { contentType: type } : {}), data: p.content };
  });
}

/** The body as it is kept: each file part's bytes replaced by a line saying what was there (the files are kept apart). */
export function withoutFiles(body: Buffer, contentType: string | undefined): Buffer {
  const files = formFiles(body, contentType);
  if (files.length === 0) return body;
  const boundary = boundaryOf(contentType ?? '')!;
  const kept = parts(body, boundary).map((p) => /filename=/i.test(p.headers)
    ? `${p.headers}\r\n\r\n[file of ${p.content.length} bytes, kept apart]` : `${p.headers}\r\n\r\n${p.content.toString('utf8')}`);
  return Buffer.from(`${kept.map((k) => `--${boundary}\r\n${k}\r\n`).join('')}--${boundary}--\r\n`);
}

/** The bytes of one text field of a multipart/form-data body (SendGrid's raw `email`, a whole MIME message), or undefined. */
export function formFieldBytes(body: Buffer, contentType: string | undefined, field: string): Buffer | undefined {
  if (!(contentType ?? '').toLowerCase().startsWith('multipart/form-data')) return undefined;
  const boundary = boundaryOf(contentType ?? '');
  return boundary ? parts(body, boundary).find((p) => nameOf(p.headers) === field && !/filename=/i.test(p.headers))?.content : undefined;
}

/** A multipart/form-data body with one text field's content replaced (the others as they were); any other body as it is. */
export function replaceFormField(body: Buffer, contentType: string | undefined, field: string, replace: (content: Buffer) => Buffer): Buffer {
  const boundary = (contentType ?? '').toLowerCase().startsWith('multipart/form-data') ? boundaryOf(contentType ?? '') : null;
  if (!boundary) return body;
  const all = parts(body, boundary);
  if (!all.some((p) => nameOf(p.headers) === field)) return body;
  const kept = all.map((p) => Buffer.concat([Buffer.from(`--${boundary}\r\n${p.headers}\r\n\r\n`),
    nameOf(p.headers) === field && !/filename=/i.test(p.headers) ? replace(p.content) : p.content, Buffer.from('\r\n')]));
  return Buffer.concat([...kept, Buffer.from(`--${boundary}--\r\n`)]);
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

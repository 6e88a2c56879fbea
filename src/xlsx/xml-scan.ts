// A small XML tokenizer for the parts of an .xlsx workbook: elements (namespace prefix dropped from their names),
// attributes and text with the five predefined entities and character references decoded. A DOCTYPE or ENTITY
// declaration is refused, never read, so no external or expanding entity can be defined; processing instructions and
// comments are skipped, CDATA is text.
export class XmlError extends Error {}

export interface XmlHandler {
  open?(name: string, attrs: Record<string, string>, selfClosing: boolean): void;
  close?(name: string): void;
  text?(text: string): void;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: '\'' };

export function decodeXml(s: string, part: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&([^;&\s]{0,12});?/g, (all, ref: string) => {
    if (!all.endsWith(';')) throw new XmlError(`${part}: a bare & in the text`);
    if (ENTITIES[ref]) return ENTITIES[ref];
    const code = /^#x([0-9a-f]{1,6})$/i.test(ref) ? parseInt(ref.slice(2), 16) : /^#(\d{1,7})$/.test(ref) ? Number(ref.slice(1)) : -1;
    if (code < 0 || code > 0x10ffff) throw new XmlError(`${part}: unknown entity &${ref};`);
    return String.fromCodePoint(code);
  });
}

const local = (name: string) => name.slice(name.indexOf(':') + 1);
const ATTR = /([^\s=/>]+)\s*=\s*("([^"]*)"|'([^']*)')/g;

/** Scans `xml` (the part named `part` in errors), calling the handler per element and text run. */
export function scanXml(xml: string, part: string, h: XmlHandler): void {
  let i = 0;
  const n = xml.length;
  while (i < n) {
    const lt = xml.indexOf('<', i);
    const textEnd = lt < 0 ? n : lt;
    if (textEnd > i && h.text) h.text(decodeXml(xml.slice(i, textEnd), part));
    if (lt < 0) return;
    if (xml.startsWith('<?', lt)) { i = after(xml, '?>', lt, part); continue; }
    if (xml.startsWith('<!--', lt)) { i = after(xml, '-->', lt, part); continue; }
    if (xml.startsWith('<![CDATA[', lt)) {
      const e = xml.indexOf(']]>', lt);
      if (e < 0) throw new XmlError(`${part}: an unclosed CDATA section`);
      h.text?.(xml.slice(lt + 9, e));
      i = e + 3;
      continue;
    }
    if (xml.startsWith('<!', lt)) throw new XmlError(`${part}: a DOCTYPE or entity declaration is refused`);
    const gt = tagEnd(xml, lt, part);
    if (xml[lt + 1] === '/') { h.close?.(local(xml.slice(lt + 2, gt).trim())); i = gt + 1; continue; }
    const selfClosing = xml[gt - 1] === '/';
    const inner = xml.slice(lt + 1, selfClosing ? gt - 1 : gt);
    const m = /^[^\s/>]+/.exec(inner);
    if (!m) throw new XmlError(`${part}: an element without a name at offset ${lt}`);
    const attrs: Record<string, string> = {};
    if (h.open) {
      for (const a of inner.slice(m[0].length).matchAll(ATTR)) attrs[a[1]!] = decodeXml(a[3] ?? a[4] ?? '', part);
      h.open(local(m[0]), attrs, selfClosing);
    }
    if (selfClosing) h.close?.(local(m[0]));
    i = gt + 1;
  }
}

function after(xml: string, end: string, from: number, part: string): number {
  const e = xml.indexOf(end, from);
  if (e < 0) throw new XmlError(`${part}: unclosed markup at offset ${from}`);
  return e + end.length;
}

/** The '>' closing the tag at `lt`, skipping quoted attribute values. */
function tagEnd(xml: string, lt: number, part: string): number {
  let quote = '';
  for (let j = lt + 1; j < xml.length; j++) {
    const c = xml[j];
    if (quote) { if (c === quote) quote = ''; } else if (c === '"' || c === '\'') quote = c; else if (c === '>') return j;
  }
  throw new XmlError(`${part}: an unclosed tag at offset ${lt}`);
}

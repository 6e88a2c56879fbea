// Safe XML reading: DTDs and entity declarations refused, then a small element tree with helpers.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { StatementParseError } from './types.ts';

export interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  text: string;
  children: XmlNode[];
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: false,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  commentPropName: false,
});

/**
 * Parses XML into a tree. A document type declaration is refused outright: statements never need
 * one, and it is how billion-laughs and external-entity attacks arrive.
 */
export function readXml(text: string): XmlNode {
  const dtd = /<!DOCTYPE|<!ENTITY/i.exec(text);
  if (dtd) {
    throw new StatementParseError('XML_DTD_REFUSED', 'XML with a DOCTYPE or ENTITY declaration is refused', lineOf(text, dtd.index));
  }
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new StatementParseError('MALFORMED', `XML is not well formed: ${valid.err.msg}`, valid.err.line);
  }
  let parsed: unknown;
  try {
    parsed = parser.parse(text);
  } catch (e) {
    // the validator lets a few shapes through that the parser refuses (an unclosed processing instruction): found by fuzzing
    throw new StatementParseError('MALFORMED', `XML is not well formed: ${e instanceof Error ? e.message : String(e)}`, lineOf(text, unclosedPi(text)));
  }
  const root = toNodes(parsed).find((n) => n.name !== '');
  if (!root) throw new StatementParseError('MALFORMED', 'XML has no root element', 1);
  return root;
}

/** Where a processing instruction opens and never closes (the start of the text when none does). */
function unclosedPi(text: string): number {
  for (let at = text.indexOf('<?'); at >= 0; at = text.indexOf('<?', at + 2)) {
    if (text.indexOf('?>', at + 2) < 0) return at;
  }
  return 0;
}

function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

type Raw = Record<string, unknown>;

function toNodes(raw: unknown): XmlNode[] {
  if (!Array.isArray(raw)) return [];
  const nodes: XmlNode[] = [];
  for (const item of raw as Raw[]) {
    const name = Object.keys(item).find((k) => k !== ':@');
    if (name === undefined || name === '#text') continue;
    const kids = item[name];
    const attrs = (item[':@'] ?? {}) as Record<string, string>;
    const texts = Array.isArray(kids) ? (kids as Raw[]).filter((k) => '#text' in k).map((k) => String(k['#text'])) : [];
    nodes.push({ name, attrs, text: decodeEntities(texts.join('')), children: toNodes(kids) });
  }
  return nodes;
}

/** Decodes the five predefined XML entities and numeric references, once. */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) => {
    if (e.startsWith('#x')) return safeChar(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return safeChar(parseInt(e.slice(1), 10));
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[e] ?? '';
  });
}

function safeChar(code: number): string {
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
}

/** Direct children called `name`. */
export function kids(node: XmlNode | undefined, name: string): XmlNode[] {
  return node ? node.children.filter((c) => c.name === name) : [];
}

/** The node at a slash path of child names ("BookgDt/Dt"), first match at each step. */
export function at(node: XmlNode | undefined, path: string): XmlNode | undefined {
  let cur = node;
  for (const step of path.split('/')) {
    if (!cur) return undefined;
    cur = cur.children.find((c) => c.name === step);
  }
  return cur;
}

/** Trimmed text at a path, or null when absent or empty. */
export function textAt(node: XmlNode | undefined, path: string): string | null {
  const t = at(node, path)?.text.trim();
  return t ? t : null;
}

/** All nodes at a path, fanning out at every step ("RmtInf/Strd/CdtrRefInf/Ref"). */
export function allAt(node: XmlNode | undefined, path: string): XmlNode[] {
  let cur: XmlNode[] = node ? [node] : [];
  for (const step of path.split('/')) cur = cur.flatMap((n) => kids(n, step));
  return cur;
}

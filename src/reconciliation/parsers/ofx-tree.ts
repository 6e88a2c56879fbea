// OFX 1.x (SGML, leaf tags left open) and 2.x (XML) read into one element tree with line numbers.
import { decodeEntities } from './xml.ts';
import { StatementParseError } from './types.ts';

export interface OfxNode {
  name: string;
  text: string;
  line: number;
  children: OfxNode[];
}

const TOKEN = /<(\/?)([A-Za-z][\w.]*)\s*>|([^<]+)|(<)/g;

/**
 * Reads the <OFX> element. Banks send OFX 2 files that declare XML yet leave leaf tags open, so both
 * versions go through one tolerant reader; it expands no entities beyond the predefined five, and
 * a DTD is refused outright.
 */
export function readOfxTree(text: string): OfxNode {
  const dtd = /<!DOCTYPE|<!ENTITY/i.exec(text);
  if (dtd) throw new StatementParseError('XML_DTD_REFUSED', 'OFX with a DOCTYPE or ENTITY declaration is refused', lineOf(text, dtd.index));
  const start = text.search(/<OFX>/i);
  if (start < 0) throw new StatementParseError('MALFORMED', 'no <OFX> element found', 1);
  // Comments become blank text of the same line count, so later line numbers stay right.
  const body = text.slice(start)
    .replace(/<!--[\s\S]*?-->/g, (c) => c.replace(/[^\n]/g, ' '))
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, (_, inner: string) => inner.replace(/&/g, '&amp;').replace(/</g, '&lt;'));
  return buildTree(body, lineOf(text, start));
}

function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

function buildTree(body: string, firstLine: number): OfxNode {
  const root: OfxNode = { name: '#root', text: '', line: firstLine, children: [] };
  const stack: OfxNode[] = [root];
  // Names that are ever closed; in SGML the others are leaves whose value ends at the next tag.
  const closable = new Set([...body.matchAll(/<\/([A-Za-z][\w.]*)\s*>/g)].map((c) => (c[1] ?? '').toUpperCase()));
  let line = firstLine;
  for (let m = TOKEN.exec(body); m; m = TOKEN.exec(body)) {
    const [token, slash, rawName, text] = m;
    const top = stack[stack.length - 1] ?? root;
    if (rawName !== undefined) {
      const name = rawName.toUpperCase();
      if (slash) closeElement(stack, name);
      else {
        // In SGML a leaf's value ends where the next tag starts: "<CODE>0<SEVERITY>INFO".
        if (top !== root && (top.text.trim() !== '' || !closable.has(top.name))) stack.pop();
        const node: OfxNode = { name, text: '', line, children: [] };
        (stack[stack.length - 1] ?? root).children.push(node);
        stack.push(node);
      }
    } else if (text !== undefined && top !== root && top.children.length === 0) {
      top.text += text;
    }
    for (const ch of token) if (ch === '\n') line++;
  }
  TOKEN.lastIndex = 0;
  const ofx = root.children.find((c) => c.name === 'OFX');
  if (!ofx) throw new StatementParseError('MALFORMED', 'no <OFX> element found', firstLine);
  finish(ofx);
  return ofx;
}

function closeElement(stack: OfxNode[], name: string): void {
  const at = stack.map((n) => n.name).lastIndexOf(name);
  if (at > 0) stack.length = at;
}

function finish(node: OfxNode): void {
  node.text = decodeEntities(node.text.trim());
  node.children.forEach(finish);
}

/** First descendant at a slash path of element names ("BANKACCTFROM/ACCTID"). */
export function ofxAt(node: OfxNode | undefined, path: string): OfxNode | undefined {
  let cur = node;
  for (const step of path.split('/')) cur = cur?.children.find((c) => c.name === step);
  return cur;
}

export function ofxText(node: OfxNode | undefined, path: string): string | null {
  const t = ofxAt(node, path)?.text;
  return t ? t : null;
}

/** Every descendant with a name, depth first. */
export function ofxFindAll(node: OfxNode, name: string): OfxNode[] {
  return node.children.flatMap((c) => (c.name === name ? [c, ...ofxFindAll(c, name)] : ofxFindAll(c, name)));
}

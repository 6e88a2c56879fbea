// The safe placeholder language: {{key}}, {{#key}}shown when key is set{{/key}}, {{^key}}shown when it is not{{/key}}.
// It only looks values up in a map: no expressions, no code, no file access. In HTML mode everything is escaped
// except values built by cobro's own code as trusted HTML.

export type Value = string | { text: string; html: string };
export type Values = Readonly<Record<string, Value>>;

type Node = { kind: 'text'; text: string } | { kind: 'var'; key: string } | { kind: 'section'; key: string; inverted: boolean; body: Node[] };

const TOKEN = /\{\{\s*([#^/]?)\s*([a-z][a-z0-9_]*)\s*\}\}/g;

export interface Parsed {
  nodes: Node[];
  keys: Set<string>;
}

const cache = new Map<string, Parsed>();

/** Parses a template; throws on unbalanced sections (a template bug, caught by the catalogue test). */
export function parseTemplate(source: string): Parsed {
  const hit = cache.get(source);
  if (hit) return hit;
  const root: Node[] = [];
  const stack: { key: string; nodes: Node[] }[] = [{ key: '', nodes: root }];
  const keys = new Set<string>();
  let last = 0;
  for (const m of source.matchAll(TOKEN)) {
    const top = stack[stack.length - 1];
    if (!top) throw new Error('template stack underflow');
    if (m.index > last) top.nodes.push({ kind: 'text', text: source.slice(last, m.index) });
    last = m.index + m[0].length;
    const [, sigil = '', key = ''] = m;
    keys.add(key);
    if (sigil === '/') {
      if (top.key !== key || stack.length === 1) throw new Error(`unbalanced {{/${key}}}`);
      stack.pop();
    } else if (sigil === '#' || sigil === '^') {
      const section: Node = { kind: 'section', key, inverted: sigil === '^', body: [] };
      top.nodes.push(section);
      stack.push({ key, nodes: section.body });
    } else top.nodes.push({ kind: 'var', key });
  }
  if (stack.length !== 1) throw new Error(`unclosed {{#${stack[stack.length - 1]?.key ?? ''}}}`);
  if (last < source.length) root.push({ kind: 'text', text: source.slice(last) });
  const parsed = { nodes: root, keys };
  if (cache.size > 1000) cache.clear();
  cache.set(source, parsed);
  return parsed;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

export function escapeXml(s: string): string {
  return escapeHtml(s);
}

/** Own keys only: '{{constructor}}' must not reach Object.prototype. */
function own(values: Values, key: string): Value | undefined {
  return Object.prototype.hasOwnProperty.call(values, key) ? values[key] : undefined;
}

function present(v: Value | undefined): boolean {
  return v !== undefined && (typeof v === 'string' ? v : v.text) !== '';
}

export type Mode = 'text' | 'html';

function walk(nodes: readonly Node[], values: Values, mode: Mode, unknown: Set<string>): string {
  let out = '';
  for (const n of nodes) {
    if (n.kind === 'text') out += mode === 'html' ? escapeHtml(n.text) : n.text;
    else if (n.kind === 'var') {
      const v = own(values, n.key);
      if (v === undefined) unknown.add(n.key);
      else if (typeof v === 'string') out += mode === 'html' ? escapeHtml(v) : v;
      else out += mode === 'html' ? v.html : v.text;
    } else {
      if (own(values, n.key) === undefined) unknown.add(n.key);
      if (present(own(values, n.key)) !== n.inverted) out += walk(n.body, values, mode, unknown);
    }
  }
  return out;
}

export interface Filled {
  text: string;
  /** Placeholders the template names that the value map does not know: a template bug. */
  unknown: string[];
}

/** Fills a template from the value map. Values are never re-read as templates. */
export function fill(source: string, values: Values, mode: Mode = 'text'): Filled {
  const unknown = new Set<string>();
  const text = walk(parseTemplate(source).nodes, values, mode, unknown);
  return { text, unknown: [...unknown] };
}

/** The placeholders a template uses, in order of first appearance (WhatsApp parameters follow this order). */
export function placeholdersOf(source: string): string[] {
  const seen: string[] = [];
  for (const m of source.matchAll(TOKEN)) if (m[1] === '' && m[2] && !seen.includes(m[2])) seen.push(m[2]);
  return seen;
}

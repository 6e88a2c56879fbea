// SWIFT MT940/MT942 text split into messages of tagged fields, tolerant of bank envelopes and wrapping.

export interface Mt940Field {
  /** Tag without colons: "20", "25", "28C", "60F", "61", "86", "NS". */
  tag: string;
  /** Field content; continuation lines are kept, joined with "\n". */
  value: string;
  /** 1-based line where the field starts. */
  line: number;
}

const TAG = /^:(\d{2}[A-Z]?|NS):(.*)$/;
/** Fields whose content may run over several lines; other fields are one line. */
const MULTILINE = new Set(['61', '86', 'NS']);

/**
 * Splits normalised MT940 text (LF line ends, control bytes removed) into messages. Handles the
 * SWIFT envelope ({1:...}{2:...}{4: ... -}), bank header lines before :20: ("ABNANL2A", "940"),
 * tags broken across lines (":" then "86:..."), and text lines that belong to no field.
 */
export function splitMessages(text: string): Mt940Field[][] {
  const lines = text.split('\n');
  const messages: Mt940Field[][] = [];
  let current: Mt940Field[] = [];
  let open: Mt940Field | null = null;
  const close = () => {
    if (current.length > 0) messages.push(current);
    current = [];
    open = null;
  };
  for (let i = 0; i < lines.length; i++) {
    let line = stripEnvelope(lines[i] ?? '');
    const next = lines[i + 1];
    if (line.trim() === ':' && next !== undefined && /^(\d{2}[A-Z]?|NS):/.test(next)) {
      line = `:${next}`;
      i++;
    }
    if (/^-\s*\}?\s*$/.test(line) || /^-\}/.test(line)) { close(); continue; }
    const tag = TAG.exec(line.trimEnd());
    if (tag) {
      open = { tag: tag[1] ?? '', value: tag[2] ?? '', line: i + 1 };
      current.push(open);
      continue;
    }
    const field: Mt940Field | null = open;
    if (field !== null && MULTILINE.has(field.tag) && line.trim() !== '') field.value += `\n${line}`;
  }
  close();
  return messages;
}

/** Removes SWIFT block headers ({1:..}{2:..}{3:{..}}{4:) and the trailer ({5:..}) from a line. */
function stripEnvelope(line: string): string {
  let s = line;
  for (;;) {
    const m = /^\{[1-3]:(\{[^}]*\}|[^{}])*\}/.exec(s);
    if (!m) break;
    s = s.slice(m[0].length);
  }
  if (s.startsWith('{4:')) s = s.slice(3);
  return s.replace(/\{5:.*$/, '');
}

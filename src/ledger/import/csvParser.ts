// An incremental RFC 4180 CSV parser: quoted fields, doubled quotes, CRLF or LF, any one-character delimiter, line numbers.

export interface ParsedRecord {
  /** The line the record starts on (1-based, counting physical lines). */
  line: number;
  cells: string[];
}

export class CsvParser {
  private buf = '';
  private line = 1;
  private first = true;
  constructor(private readonly delimiter = ',') {}

  /** Parses what is complete in the text fed so far; keeps an unfinished record for the next chunk. */
  feed(chunk: string, out: ParsedRecord[]): void {
    if (this.first) {
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
      if (chunk.length) this.first = false;
    }
    this.buf = this.buf ? this.buf + chunk : chunk;
    const consumed = this.parse(false, out);
    this.buf = this.buf.slice(consumed);
  }

  /** Parses the rest at the end of the input; an unclosed quote throws with its line. */
  end(out: ParsedRecord[]): void {
    this.parse(true, out);
    this.buf = '';
  }

  private parse(final: boolean, out: ParsedRecord[]): number {
    const s = this.buf;
    const d = this.delimiter;
    const n = s.length;
    let pos = 0;
    while (pos < n) {
      const startLine = this.line;
      let lines = 0;
      const cells: string[] = [];
      let i = pos;
      let complete = false;
      for (;;) {
        if (i < n && s[i] === '"') {
          let value = '';
          let j = i + 1;
          for (;;) {
            const q = s.indexOf('"', j);
            if (q < 0) {
              if (final) throw new CsvError(startLine, 'a quoted field is not closed');
              return pos;
            }
            value += s.slice(j, q);
            for (let k = j; k < q; k++) if (s.charCodeAt(k) === 10) lines++;
            if (s[q + 1] === '"') { value += '"'; j = q + 2; continue; }
            if (q + 1 >= n && !final) return pos;
            i = q + 1;
            break;
          }
          cells.push(value);
          if (i < n && s[i] !== d && s[i] !== '\n' && s[i] !== '\r') {
            throw new CsvError(startLine + lines, `unexpected character after a closing quote in field ${cells.length}`);
          }
        } else {
          let j = i;
          while (j < n) {
            const c = s[j];
            if (c === d || c === '\n' || c === '\r') break;
            j++;
          }
          if (j >= n && !final) return pos;
          cells.push(s.slice(i, j));
          i = j;
        }
        if (i >= n) { complete = true; break; }
        if (s[i] === d) { i++; if (i >= n && !final) return pos; continue; }
        if (s[i] === '\r') {
          if (i + 1 >= n && !final) return pos;
          i += s[i + 1] === '\n' ? 2 : 1;
        } else i++;
        lines++;
        complete = true;
        break;
      }
      if (!complete) return pos;
      this.line = startLine + lines;
      pos = i;
      if (!(cells.length === 1 && cells[0] === '')) out.push({ line: startLine, cells });
    }
    return pos;
  }
}

export class CsvError extends Error {
  constructor(readonly line: number, message: string) {
    super(`line ${line}: ${message}`);
  }
}

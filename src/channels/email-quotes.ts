// The new words of an email reply: the quoted message below it ("On ... wrote:", "El ... escribió:", a forwarded
// header block, "> " lines) and the signature after "-- " cut off, in English, Spanish and Portuguese.
const ATTRIBUTION = [
  /^On\b.{0,300}\bwrote:?\s*$/i,
  /^El\b.{0,300}\bescribi[óo]:?\s*$/i,
  /^Em\b.{0,300}\bescreveu:?\s*$/i,
  /^Le\b.{0,300}\ba écrit\s*:?\s*$/i,
];
const SEPARATOR = /^-{2,}\s*(Original Message|Mensaje original|Mensagem original|Forwarded message|Mensaje reenviado|Mensagem encaminhada)\s*-{2,}\s*$/i;
/** A header block Outlook puts above the quoted message: "From:/De:" then "Sent:/Enviado:/Date:/Fecha:/Data:" soon after. */
const FROM_LINE = /^\*?(From|De)\s*:\*?\s+\S/i;
const DATE_LINE = /^\*?(Sent|Date|Enviado|Fecha|Data|Enviada em)\s*:\*?\s+\S/i;
const UNDERSCORES = /^_{10,}\s*$/;

/** Attributions wrapped over two lines by the sender's mail program ("On Tue, ... <a@b.example>\nwrote:"). */
function attributionAt(lines: readonly string[], i: number): boolean {
  const one = lines[i]!.trim();
  if (ATTRIBUTION.some((r) => r.test(one))) return true;
  const two = `${one} ${(lines[i + 1] ?? '').trim()}`;
  return /^(On|El|Em|Le)\b/i.test(one) && ATTRIBUTION.some((r) => r.test(two));
}

function quoteStartsAt(lines: readonly string[], i: number): boolean {
  const line = lines[i]!.trim();
  if (attributionAt(lines, i) || SEPARATOR.test(line) || UNDERSCORES.test(line)) return true;
  if (FROM_LINE.test(line)) return lines.slice(i + 1, i + 4).some((l) => DATE_LINE.test(l.trim()));
  // a run of quoted lines that lasts to the end (after blank lines): the reply is above it
  if (line.startsWith('>')) return lines.slice(i).every((l) => l.trim() === '' || l.trim().startsWith('>'));
  return false;
}

/** The text the sender wrote, without the message they answered and without their signature; the whole text when nothing is new. */
export function stripQuotedText(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let end = lines.length;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] === '-- ' || lines[i] === '--') { end = i; break; }
    if (quoteStartsAt(lines, i)) { end = i; break; }
  }
  const kept = lines.slice(0, end).join('\n').trim();
  return kept.length > 0 ? kept : text.trim();
}

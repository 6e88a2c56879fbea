// Fuzzing of every parser that reads input from outside (bank statements, CSV imports, provider and gateway webhooks,
// debtors' messages) for a fixed, seeded budget: each input must give a result or the parser's own located error,
// never another exception, and none may take long (a hang or a runaway backtrack). COBRO_FUZZ_RUNS raises the budget
// (`npm run fuzz`); COBRO_FUZZ_SEED replays a failure.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseCamt } from '../src/reconciliation/parsers/camt.ts';
import { parseMt940 } from '../src/reconciliation/parsers/mt940.ts';
import { parseOfx } from '../src/reconciliation/parsers/ofx.ts';
import { parseCsv } from '../src/reconciliation/parsers/csv.ts';
import { CSV_MAPPINGS, detectFormat, parseStatement } from '../src/reconciliation/parsers/index.ts';
import { decodeBytes, normaliseLines } from '../src/reconciliation/parsers/text.ts';
import { CsvError, CsvParser, type ParsedRecord } from '../src/ledger/import/csvParser.ts';
import { parseTwilioMessaging } from '../src/channels/twilio-common.ts';
import { parseMailgunEvents, parseMailgunInbound } from '../src/channels/mailgun.ts';
import { parseCobroEvents } from '../src/channels/webhook.ts';
import { readDeliveryReport, reportOutcome } from '../src/channels/dsn.ts';
import { stripQuotedText } from '../src/channels/email-quotes.ts';
import { metaWhatsAppAdapter } from '../src/channels/meta-whatsapp.ts';
import { parseIncomingCall, twilioVoiceAdapter } from '../src/channels/twilio-voice.ts';
import { interpretStripeEvent } from '../src/payments/gateways/stripe.ts';
import { mercadoPagoFacts } from '../src/payments/gateways/mercadopago.ts';
import { parseStripeHeader, verifyStripe } from '../src/compliance/signatures/stripe.ts';
import { parseMercadoPagoHeader, verifyMercadoPago } from '../src/compliance/signatures/mercadopago.ts';
import { verifyTwilio } from '../src/compliance/signatures/twilio.ts';
import { verifyMeta } from '../src/compliance/signatures/meta.ts';
import { verifyMailgun } from '../src/compliance/signatures/mailgun.ts';
import { understand } from '../src/agent/understand.ts';
import { defaultModels } from '../src/agent/model/train.ts';
import type { RawRequest } from '../src/channels/types.ts';
import { parseReleaseFile } from '../src/payments/gateways/mercadopago-release-xlsx.ts';
import { readCsv } from '../src/reconciliation/parsers/csv-read.ts';
import { workbookFiles, zipOf } from './support/xlsx-writer.ts';
import { REPORT } from './support/mp-release-report.ts';

const RUNS = Number(process.env['COBRO_FUZZ_RUNS'] ?? 300);
const SEED = Number(process.env['COBRO_FUZZ_SEED'] ?? 20261204);
/** Longest one input may take; generous for a loaded 2-core machine, far below what a hang or a blow-up takes. */
const SLOW_MS = 2_000;

/** Runs `body` on each generated input, failing on any throw it does not allow and on any slow input. */
function fuzz<T>(arb: fc.Arbitrary<T>, body: (input: T) => void, runs = RUNS): void {
  let slowest = 0;
  fc.assert(fc.property(arb, (input) => {
    const t0 = performance.now();
    body(input);
    const took = performance.now() - t0;
    slowest = Math.max(slowest, took);
    if (took > SLOW_MS) throw new Error(`one input took ${Math.round(took)} ms`);
  }), { numRuns: runs, seed: SEED, endOnFailure: true, includeErrorInReport: true });
  assert.ok(slowest <= SLOW_MS);
}

// ---- statement files: random text, and real files mutated the ways broken exports and attackers mutate them

const BANK = join(import.meta.dirname, '../../shared/data/bank');
function files(dir: string, out: Buffer[] = []): Buffer[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) files(p, out);
    else if (!/\.(json|md|txt|py|php|yml|yaml)$/i.test(name) && statSync(p).size < 200_000) out.push(readFileSync(p));
  }
  return out;
}
const SAMPLES = files(BANK);

const TOKENS = [
  ':20:', ':25:', ':28C:', ':60F:', ':61:', ':86:', ':62F:', '?20', '?32', '-}', '{4:', '\r\n', '\x00', '\x1a', '\u00ff',
  '<Ntry>', '</Ntry>', '<Amt Ccy="EUR">', '<CdtDbtInd>', '<STMTTRN>', '<TRNAMT>', '<DTPOSTED>', '</OFX>', '<![CDATA[',
  '<!DOCTYPE x [<!ENTITY a "aaaa">]>', '&a;', '&#x0;', '"', ';', ',', '1.234,56', '-0', '99999999999999999999', '31.02.2024',
];

const mutated: fc.Arbitrary<Buffer> = fc.tuple(
  fc.constantFrom(...SAMPLES),
  fc.array(fc.tuple(fc.nat(), fc.nat(), fc.integer({ min: 0, max: 4 }), fc.constantFrom(...TOKENS), fc.nat(255)), { minLength: 1, maxLength: 6 }),
).map(([file, edits]) => {
  let b = Buffer.from(file);
  for (const [at, len, kind, token, byte] of edits) {
    const i = b.length ? at % b.length : 0;
    const n = len % 64;
    if (kind === 0) { b = Buffer.from(b); b[i] = byte; } // flip a byte
    else if (kind === 1) b = Buffer.concat([b.subarray(0, i), b.subarray(i + n)]); // cut a slice
    else if (kind === 2) b = Buffer.concat([b.subarray(0, i), b.subarray(i, i + n), b.subarray(i)]); // repeat a slice
    else if (kind === 3) b = Buffer.concat([b.subarray(0, i), Buffer.from(token, 'latin1'), b.subarray(i)]); // insert a token
    else b = b.subarray(0, i); // truncate
  }
  return b;
});

const tokenSoup = fc.array(fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 12 })), { maxLength: 80 }).map((a) => Buffer.from(a.join(''), 'latin1'));
const anyBytes: fc.Arbitrary<Buffer> = fc.oneof(mutated, tokenSoup, fc.uint8Array({ maxLength: 2_000 }).map((a) => Buffer.from(a)));

/** Calls one parser, naming it and the exception in the failure so a counterexample says which parser broke. */
function named<T>(name: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw new Error(`${name} threw: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
  }
}

/** A parser's result: statements or a failure with a code and message; anything thrown is a bug. */
function checkResult(r: ReturnType<typeof parseCamt>): void {
  if (r.ok) {
    for (const s of r.statements) {
      for (const line of s.lines) {
        assert.ok(Number.isSafeInteger(line.amount.amount) && line.amount.amount >= 0, `amount ${JSON.stringify(line.amount)} is not a positive integer of minor units`);
      }
    }
  } else {
    assert.ok(r.error.code && r.error.message, 'a failure names its code and reason');
    if (r.error.line !== undefined) assert.ok(Number.isInteger(r.error.line) && r.error.line >= 1, `line ${r.error.line}`);
  }
}

test('real statement files parse as the formats they are (the fuzz corpus is not empty)', () => {
  assert.ok(SAMPLES.length >= 40, `only ${SAMPLES.length} sample files`);
  assert.ok(SAMPLES.some((b) => detectFormat(b) === 'mt940') && SAMPLES.some((b) => detectFormat(b)?.startsWith('camt')));
});

test('statement parsers: mutated and random files give statements or a located error, never a crash or a hang', () => {
  fuzz(anyBytes, (bytes) => {
    named('detectFormat', () => detectFormat(bytes));
    const text = named('decodeBytes', () => decodeBytes(bytes));
    checkResult(named('camt', () => parseCamt(text)));
    checkResult(named('mt940', () => parseMt940(normaliseLines(text), { currency: 'EUR' })));
    checkResult(named('ofx', () => parseOfx(text, { currency: 'USD' })));
    for (const mapping of CSV_MAPPINGS) checkResult(named(`csv ${mapping.name}`, () => parseCsv(text, mapping, { currency: 'EUR' })));
    checkResult(named('parseStatement', () => parseStatement(bytes)));
  });
});

test('statement parsers: a parser bug is not hidden by the entry point (the checker can fail)', () => {
  // parseStatement turns unexpected exceptions into MALFORMED for users; the fuzz calls each parser directly so a
  // TypeError inside one would surface. Prove that path: a non-string reaching a parser throws, and fuzz() reports it.
  assert.throws(() => fuzz(fc.constant(null), () => { parseCamt(null as unknown as string); }, 1));
});

test('CSV import reader: any text gives records with line numbers or a CsvError naming the line', () => {
  fuzz(fc.tuple(fc.oneof(fc.string({ maxLength: 400 }), fc.array(fc.constantFrom('a', ',', ';', '"', '\n', '\r\n', '""', '=1+2', ' '), { maxLength: 200 }).map((a) => a.join(''))), fc.constantFrom(',', ';', '\t', '|'), fc.integer({ min: 1, max: 50 })),
    ([text, delimiter, chunk]) => {
      const parser = new CsvParser(delimiter);
      const out: ParsedRecord[] = [];
      try {
        for (let i = 0; i < text.length; i += chunk) parser.feed(text.slice(i, i + chunk), out);
        parser.end(out);
      } catch (e) {
        if (!(e instanceof CsvError)) throw e;
        assert.match(e.message, /line \d+/i);
        return;
      }
      let last = 0;
      for (const r of out) { assert.ok(r.line >= last && r.line >= 1); last = r.line; }
    });
});

// ---- Mercado Pago's release report as a workbook: real .xlsx files with bytes flipped, cut short, or parts replaced

const BOOK_FILES = workbookFiles(readCsv(REPORT, ',').map((r) => r.cells));
const xmlish = fc.array(fc.constantFrom('<row r="2">', '</row>', '<c r="B2" t="s">', '<c r="C2" t="n" s="1">', '<c t="inlineStr"><is><t>', '</t></is>', '<v>', '</v>', '</c>',
  '7', '-1.5E3', '&amp;', '&#x1F600;', '&bogus;', '<![CDATA[x]]>', '<!--', '-->', '<?pi?>', '<!DOCTYPE', '"', '>', '<', 'AB', 'ZZZZ9'), { maxLength: 80 }).map((a) => a.join(''));
const workbookBytes = fc.oneof(
  fc.tuple(fc.array(fc.tuple(fc.nat(), fc.nat({ max: 255 })), { minLength: 1, maxLength: 8 }), fc.boolean()).map(([flips, stored]) => {
    const b = zipOf(BOOK_FILES.map((f) => ({ ...f, stored })));
    for (const [at, v] of flips) b[at % b.length] = v;
    return b;
  }),
  fc.nat().map((cut) => { const b = zipOf(BOOK_FILES); return b.subarray(0, 4 + (cut % b.length)); }),
  fc.tuple(fc.constantFrom(...BOOK_FILES.map((f) => f.name)), xmlish).map(([name, xml]) => zipOf(BOOK_FILES.map((f) => (f.name === name ? { ...f, data: xml } : f)))),
);

test("Mercado Pago's release report as .xlsx: broken workbooks give payouts or a clear error, never a crash or a hang", () => {
  fuzz(workbookBytes, (bytes) => {
    const r = parseReleaseFile(bytes, 'MXN');
    if (!r.ok) assert.ok(r.message.length > 10 && Number.isInteger(r.line), JSON.stringify(r));
    else for (const p of r.value.payouts) assert.ok(Number.isSafeInteger(p.amount), `payout ${p.payoutId}`);
  });
});

// ---- webhooks: the parsers behind a verified signature, and the verifiers on garbage

const jsonish = fc.oneof(
  fc.json({ maxDepth: 4 }),
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify({ object: 'whatsapp_business_account', entry: [{ changes: [{ field: 'messages', value: v }] }] })),
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify({ object: 'whatsapp_business_account', entry: [{ changes: [{ field: 'messages', value: { statuses: [v], messages: [v], contacts: v } }] }] })),
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify({ id: 'evt_1', type: 'checkout.session.completed', data: { object: v } })),
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify({ events: [{ id: 'e', type: 'message.reply', data: v }] })),
  fc.string({ maxLength: 300 }),
);
const formish = fc.oneof(
  fc.dictionary(fc.constantFrom('MessageSid', 'SmsSid', 'MessageStatus', 'Body', 'From', 'To', 'ErrorCode', 'CallSid', 'CallStatus', 'Digits', 'event', 'recipient', 'Message-Id', 'stripped-text', 'body-plain', 'sender', 'signature', 'timestamp', 'token'), fc.string({ maxLength: 40 }))
    .map((d) => new URLSearchParams(d).toString()),
  fc.string({ maxLength: 300 }),
);

function req(body: string, headers: Record<string, string> = {}): RawRequest {
  return { method: 'POST', url: 'https://cobro.test/webhooks/x', headers, body: Buffer.from(body) };
}

const meta = metaWhatsAppAdapter({ phoneNumberId: '1', accessToken: 't', appSecrets: ['s'] });
const voice = twilioVoiceAdapter({ accountSid: 'AC1', authToken: 't', from: '+15550000000' });

test('provider webhook parsers: any body gives events or nothing, never a crash', () => {
  fuzz(fc.tuple(jsonish, formish, fc.string({ maxLength: 60 })), ([json, form, contentType]) => {
    for (const events of [
      meta.parseWebhook(req(json)),
      parseCobroEvents(Buffer.from(json), 'smtp', 'email'),
      parseTwilioMessaging(req(form), 'twilio'),
      voice.parseWebhook(req(form)),
      parseIncomingCall(req(form)),
      parseMailgunEvents(req(json, { 'content-type': 'application/json' })),
      parseMailgunInbound(req(form, { 'content-type': contentType || 'application/x-www-form-urlencoded' })),
    ]) {
      assert.ok(Array.isArray(events));
      for (const e of events) assert.equal(typeof e.type, 'string');
    }
  });
});

test('mailbox readers: any text read as a delivery report gives a report or null, and any reply text keeps or cuts lines, never a crash', () => {
  const line = fc.oneof(fc.string({ maxLength: 80 }), fc.constantFrom('--b', '--b--', '', 'Content-Type: message/delivery-status', 'Content-Type: text/rfc822-headers',
    'Action: failed', 'Status: 5.1.1', 'Status: 4.', 'Final-Recipient: rfc822;', 'Message-ID: <a@b', ' folded', '> quoted', '-- ', 'On Tue wrote:',
    'El lunes escribió:', 'De: x', 'Enviado: y', '-----Original Message-----'));
  fuzz(fc.array(line, { maxLength: 60 }), (lines) => {
    const text = lines.join(lines.length % 2 ? '\r\n' : '\n');
    const report = readDeliveryReport(`Content-Type: multipart/report; boundary="b"\r\n\r\n${text}`, 'b');
    if (report) assert.ok(['bounced', 'failed', 'delivered', null].includes(reportOutcome(report).state));
    assert.equal(typeof stripQuotedText(text), 'string');
  });
});

test('gateway webhook readers: any JSON is read as facts, a fetch, an expiry or ignored, never a crash', () => {
  fuzz(fc.jsonValue({ maxDepth: 5 }), (v) => {
    const meaning = interpretStripeEvent(v);
    assert.ok(['facts', 'fetch', 'expired', 'ignore'].includes(meaning.kind));
    const wrapped = interpretStripeEvent({ id: 'evt', type: 'checkout.session.completed', data: { object: v } });
    if (wrapped.kind === 'facts' && wrapped.facts.captured !== undefined) assert.ok(Number.isSafeInteger(wrapped.facts.captured));
    const mp = mercadoPagoFacts(v);
    if (mp?.captured !== undefined) assert.ok(Number.isSafeInteger(mp.captured));
  });
});

test('signature verifiers: garbage headers and bodies are refused, never accepted and never a crash', () => {
  const now = new Date('2026-12-04T00:00:00Z');
  fuzz(fc.tuple(fc.string({ maxLength: 200 }), fc.string({ maxLength: 200 })), ([header, body]) => {
    parseStripeHeader(header);
    parseMercadoPagoHeader(header);
    const results = [
      verifyStripe({ rawBody: body, signature: header, secrets: ['whsec_x'], now }),
      verifyMercadoPago({ signature: header, requestId: body.slice(0, 20), dataId: body.slice(20, 40), secrets: ['s'], tolerance: { now, milliseconds: 300_000 } }),
      verifyTwilio({ url: 'https://cobro.test/webhooks/twilio/o/messages', params: { Body: body }, signature: header, authTokens: ['t'] }),
      verifyMeta({ rawBody: body, signature: header, appSecrets: ['s'] }),
      verifyMailgun({ signingKeys: ['k'], timestamp: header.slice(0, 12), token: body, signature: header, now }),
    ];
    for (const r of results) assert.equal(r.ok, false);
  });
});

// ---- debtors' messages

test("the agent's understanding: any text gives an intent with a confidence, never a crash or a slow read", () => {
  const models = defaultModels();
  const intents = new Set(['request_link', 'already_paid', 'promise_to_pay', 'request_plan', 'request_extension', 'balance_inquiry', 'dispute', 'wrong_person', 'opt_out', 'talk_to_human', 'hardship', 'greeting_thanks', 'other']);
  const words = fc.constantFrom('pago', 'el viernes', 'dia 15', 'fin de mes', 'R$ 1.234,56', '$', 'cuotas', '12x', 'STOP', 'PARE', '💸', '\u0000', '31/02', 'amanhã', 'next friday', '1e309', '-', '%', '¿', 'ñ');
  const text = fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 120 }), fc.array(fc.oneof(words, fc.string({ maxLength: 8 })), { maxLength: 40 }).map((a) => a.join(' ')));
  fuzz(fc.tuple(text, fc.constantFrom('America/Bogota', 'America/Sao_Paulo', 'Europe/Madrid', 'UTC'), fc.constantFrom('COP', 'BRL', 'EUR', 'USD')), ([t, timeZone, currency]) => {
    const u = understand(t, { now: new Date('2026-12-04T15:00:00Z'), timeZone, currency }, models);
    assert.ok(intents.has(u.intent), `intent ${u.intent}`);
    assert.ok(u.confidence >= 0 && u.confidence <= 1);
  });
});

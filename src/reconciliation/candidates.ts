// For a batch of credit lines, the candidates the matcher may need, looked up in indexed tables: invoices whose numbers
// the texts name, learned payer accounts and names, customers with a name alike and their open invoices, and open
// invoices with the line's amount due near its date. Nothing else of the ledger is read.
import type { Queryable } from '../db/index.ts';
import { customerNamesOf, openReceivablesByBalance, openReceivablesByIds, openReceivablesOfCustomers, type OpenReceivable } from '../ledger/index.ts';
import { addInvoices, buildIndex, type MatchIndex } from './match/match-index.ts';
import { longestTwo, payerEvidence, referencedInvoices } from './match/evidence.ts';
import { normaliseAccount, textKeys } from './match/text.ts';
import { findingWords, normaliseName, pairToken } from './match/names.ts';
import type { MatchLine, OpenInvoice, PayerAlias } from './match/types.ts';

export interface LookupLimits {
  /** A name word shared by more customers than this is too common to look customers up by alone. */
  nameFanout: number;
  /** Invoices with the line's amount are looked for due this many days either side of its date. */
  amountWindowDays: number;
  /** At most this many invoices with the same amount per line, nearest due date first. */
  amountLimit: number;
}

export const LOOKUP_LIMITS: LookupLimits = { nameFanout: 100, amountWindowDays: 366, amountLimit: 10 };

const asOpen = (r: OpenReceivable): OpenInvoice => ({ id: r.id, number: r.number, customerId: r.customer_id, currency: r.currency,
  balance: r.balance, dueDate: r.due_date });

async function referenced(q: Queryable, orgId: string, lines: MatchLine[]): Promise<OpenReceivable[]> {
  const keys = new Set<string>();
  for (const l of lines) for (const k of textKeys([l.remittanceText, l.endToEndId], l.structuredReference)) keys.add(k);
  if (!keys.size) return [];
  // one index probe per key: with thousands of keys the planner would rather scan the whole table
  const rows = await q.query<{ invoice_id: string }>(`SELECT DISTINCT x.invoice_id FROM unnest($2::text[]) AS q (key)
    CROSS JOIN LATERAL (SELECT invoice_id FROM invoice_match_keys k WHERE k.org_id = $1 AND k.key = q.key) x`, [orgId, [...keys]]);
  return openReceivablesByIds(q, orgId, rows.map((r) => r.invoice_id));
}

async function learnedPayers(q: Queryable, orgId: string, lines: MatchLine[]): Promise<PayerAlias[]> {
  const accounts = [...new Set(lines.map((l) => normaliseAccount(l.counterpartyAccount)).filter((a): a is string => a !== null))];
  const names = [...new Set(lines.map((l) => normaliseName(l.counterpartyName)).filter((n): n is string => n !== null))];
  if (!accounts.length && !names.length) return [];
  const rows = await q.query<{ kind: 'account' | 'name'; value: string; customer_id: string; matches: number }>(
    `SELECT kind, value, customer_id, matches FROM payer_aliases WHERE org_id = $1
     AND ((kind = 'account' AND value = ANY($2::text[])) OR (kind = 'name' AND value = ANY($3::text[])))`, [orgId, accounts, names]);
  return rows.map((a) => ({ kind: a.kind, value: a.value, customerId: a.customer_id, matches: a.matches }));
}

/** Customers indexed under each token, or null for a token more customers share than `fanout` (one index probe each). */
async function customersByToken(q: Queryable, orgId: string, tokens: string[], fanout: number): Promise<Map<string, string[] | null>> {
  const out = new Map<string, string[] | null>();
  if (!tokens.length) return out;
  const rows = await q.query<{ token: string; n: number; ids: string[] | null }>(
    `SELECT q.token, c.n, CASE WHEN c.n > $3 THEN NULL ELSE c.ids END AS ids FROM unnest($2::text[]) AS q (token)
     CROSS JOIN LATERAL (SELECT count(*) AS n, array_agg(customer_id) AS ids FROM (SELECT customer_id FROM customer_match_words w
       WHERE w.org_id = $1 AND w.word = q.token LIMIT $3 + 1) x) c`, [orgId, tokens, fanout]);
  for (const r of rows) out.set(r.token, r.n > fanout ? null : r.ids ?? []);
  return out;
}

/**
 * Customers whose name may be the payer's: the same normalised name, or a word in common that few customers share;
 * when every word of the payer's name is common, the customers who have its two longest words (indexed as a pair).
 */
async function namedCustomers(q: Queryable, orgId: string, lines: MatchLine[], fanout: number): Promise<{ ids: Set<string>; common: Set<string> }> {
  const out = new Set<string>();
  const common = new Set<string>();
  const names = lines.map((l) => l.counterpartyName).filter((n): n is string => Boolean(n));
  const keys = [...new Set(names.map(normaliseName).filter((k): k is string => k !== null))];
  if (keys.length) {
    for (const r of await q.query<{ customer_id: string }>(`SELECT x.customer_id FROM unnest($2::text[]) AS q (name_key)
      CROSS JOIN LATERAL (SELECT customer_id FROM customer_match_names n WHERE n.org_id = $1 AND n.name_key = q.name_key) x`,
    [orgId, keys])) out.add(r.customer_id);
  }
  const wordsOf = names.map(findingWords).filter((w) => w.length);
  const byWord = await customersByToken(q, orgId, [...new Set(wordsOf.flat())], fanout);
  const pairs = new Set<string>();
  for (const words of wordsOf) {
    let rare = 0;
    for (const w of words) {
      const ids = byWord.get(w);
      if (ids === null) { common.add(w); continue; }
      rare += 1;
      for (const id of ids ?? []) out.add(id);
    }
    if (!rare && words.length >= 2) pairs.add(pairToken(...longestTwo(words)));
  }
  for (const ids of (await customersByToken(q, orgId, [...pairs], fanout)).values()) for (const id of ids ?? []) out.add(id);
  return { ids: out, common };
}

/** The index the pure matcher reads for these lines: only what they can match, looked up in a handful of indexed queries. */
export async function candidateIndex(q: Queryable, orgId: string, lines: MatchLine[], limits: LookupLimits = LOOKUP_LIMITS): Promise<MatchIndex> {
  const currencies = [...new Set(lines.map((l) => l.currency))];
  const refs = await referenced(q, orgId, lines);
  const aliases = await learnedPayers(q, orgId, lines);
  const named = await namedCustomers(q, orgId, lines, limits.nameFanout);
  const customerIds = new Set([...named.ids, ...aliases.map((a) => a.customerId), ...refs.map((r) => r.customer_id)]);
  const customers = await customerNamesOf(q, orgId, [...customerIds]);
  // who the payer may be decides whose open invoices are needed: the same judgement the matcher makes
  const index = buildIndex(refs.map(asOpen), customers, aliases, named.common);
  const seen = lines.map((l) => ({ line: l, payers: [...payerEvidence(l, index).keys()], named: referencedInvoices(l, index).length > 0 }));
  const ofPayers = await openReceivablesOfCustomers(q, orgId, [...new Set(seen.flatMap((s) => s.payers))], currencies);
  // only a line that names no invoice and whose payer owes nothing falls back to its amount
  const owing = new Set(ofPayers.map((r) => `${r.customer_id}:${r.currency}`));
  const amountLines = seen.filter((s) => !s.named && !s.payers.some((id) => owing.has(`${id}:${s.line.currency}`))).map((s) => s.line);
  const byAmount = await openReceivablesByBalance(q, orgId, amountLines.map((l) => ({ currency: l.currency, balance: l.amount, date: l.date })),
    limits.amountWindowDays, limits.amountLimit);
  addInvoices(index, [...ofPayers, ...byAmount].map(asOpen));
  return index;
}

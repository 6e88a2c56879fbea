// A reply whose file speaks for it, table-driven: what the reply's files come to (kept, being fetched, refused, not
// fetched) and what the policy does with them (a claim, proof joined to the open one, thanks with nothing overdue, a photo
// or PDF asked for, a person), and the words that still decide when the agent acts on them.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_LIMITS } from '../payments/index.ts';
import { decideTurn } from './policy.ts';
import { FILE_PROOF_CONFIDENCE } from './policy-files.ts';
import type { PastTurn, TurnInput } from './policy-types.ts';
import { FILE_WAIT_MS, fileVerdict, type FileVerdict, type ReplyFile } from './reply-files.ts';
import type { Intent, Understanding } from './types.ts';

const now = new Date('2026-03-12T17:00:00Z');
const stored: FileVerdict = { kind: 'proof', stored: 1, fetching: 0 };

function aTurn(u: { intent: Intent; text?: string; confidence?: number }, over: Partial<TurnInput> = {}): TurnInput {
  const understanding: Understanding = { text: u.text ?? '', language: 'es', languageConfidence: 0.5, languageSource: 'hint', confidence: u.confidence ?? 0.4,
    alternatives: [], decidedBy: 'model', entities: { dates: [], amounts: [], instalments: [] }, optOut: { kind: 'none' }, intent: u.intent };
  return { understanding, today: '2026-03-12', owed: { currency: 'MXN', balance: 150_000, invoices: 1, oldestDue: '2026-03-05' }, limits: DEFAULT_LIMITS,
    threshold: 0.5, history: [], activePlan: false, extensionsUsed: 0, handoverOpen: false, caseOpen: true, files: { verdict: stored, claimOpen: false }, ...over };
}
const past = (action: string): PastTurn => ({ at: '2026-03-12T16:50:00.000Z', channel: 'whatsapp', intent: 'other', confidence: 0.4, action, awaiting: null, replied: true });

describe('what a reply\'s files come to', () => {
  const file = (status: ReplyFile['status'], type: string | null, error: string | null = null): ReplyFile => ({ id: 'iat_1', status, type, error });
  const soon = new Date(now.getTime() + 60_000);
  const late = new Date(now.getTime() + FILE_WAIT_MS);
  const cases: [string, ReplyFile[], Date, FileVerdict | null][] = [
    ['nothing without files', [], soon, null],
    ['proof once a photo is kept', [file('stored', 'image/jpeg'), file('pending', 'application/pdf')], soon, { kind: 'proof', stored: 1, fetching: 1 }],
    ['a wait while every file is being fetched', [file('pending', 'image/jpeg')], soon, { kind: 'wait', fetching: 1 }],
    ['proof being fetched once the wait is over, for a type kept', [file('pending', 'image/jpeg')], late, { kind: 'proof', stored: 0, fetching: 1 }],
    ['refused, with why, for a video', [file('refused', 'video/mp4', 'TYPE_NOT_ALLOWED: the file is video/mp4')], soon,
      { kind: 'refused', why: 'TYPE_NOT_ALLOWED: the file is video/mp4' }],
    ['refused for a video still pending once the wait is over', [file('pending', 'video/mp4')], late, { kind: 'refused', why: 'video/mp4 is not a photo or PDF' }],
    ['failed, with why, when not fetched for good', [file('failed', 'image/jpeg', 'NOT_FOUND: 404')], soon, { kind: 'failed', why: 'NOT_FOUND: 404' }],
  ];
  for (const [name, files, at, want] of cases) it(name, () => assert.deepEqual(fileVerdict(files, now, at), want));
});

describe('deciding a reply by its file', () => {
  const cases: [string, TurnInput, string, string | null][] = [
    ['opens a claim for a photo sent with no words, and says it was received', aTurn({ intent: 'other' }), 'payment_claim_recorded', 'receipt_received'],
    ['opens one for a photo with thanks', aTurn({ intent: 'greeting_thanks', text: 'gracias', confidence: 0.97 }), 'payment_claim_recorded', 'receipt_received'],
    ['joins a second file to the open claim', aTurn({ intent: 'other' }, { files: { verdict: stored, claimOpen: true } }), 'proof_received', 'receipt_received'],
    ['thanks and keeps a file when nothing is overdue', aTurn({ intent: 'other' }, { caseOpen: false, owed: null }), 'file_kept', 'file_thanks'],
    ['asks for a photo or PDF for a video', aTurn({ intent: 'other' }, { files: { verdict: { kind: 'refused', why: 'TYPE_NOT_ALLOWED' }, claimOpen: false } }),
      'file_refused', 'file_refused'],
    ['hands a second refused file to a person', aTurn({ intent: 'other' }, { history: [past('file_refused')],
      files: { verdict: { kind: 'refused', why: 'TYPE_NOT_ALLOWED' }, claimOpen: false } }), 'handed_over', 'handover'],
    ['hands a file not fetched to a person', aTurn({ intent: 'other' }, { files: { verdict: { kind: 'failed', why: 'NOT_FOUND' }, claimOpen: false } }), 'handed_over', 'handover'],
    ['answers nothing to a refused file when nothing is overdue', aTurn({ intent: 'other' }, { caseOpen: false, owed: null,
      files: { verdict: { kind: 'refused', why: 'TYPE_NOT_ALLOWED' }, claimOpen: false } }), 'file_not_kept', null],
    ['hands over when the org\'s threshold is above the file\'s confidence', aTurn({ intent: 'other' }, { threshold: FILE_PROOF_CONFIDENCE + 0.05 }), 'handed_over', 'handover'],
    ['hands over when every open invoice is disputed', aTurn({ intent: 'other' }, { owed: null, disputedOpen: true }), 'handed_over', 'handover'],
    ['follows words it acts on: "ya pagué" with the photo opens the claim without asking for proof', aTurn({ intent: 'already_paid', text: 'ya pagué', confidence: 0.95 }),
      'payment_claim_recorded', 'receipt_received'],
    ['follows words it acts on: the link asked for with a photo', aTurn({ intent: 'request_link', text: 'mándame el link', confidence: 0.95 }), 'sent_link', 'link'],
    ['still asks for proof after "ya pagué" when the file was refused', aTurn({ intent: 'already_paid', text: 'ya pagué', confidence: 0.95 },
      { files: { verdict: { kind: 'refused', why: 'TYPE_NOT_ALLOWED' }, claimOpen: false } }), 'payment_claim_recorded', 'payment_claim'],
    ['leaves a reply without files as it was (no words read with confidence: a person)', aTurn({ intent: 'other' }, { files: null }), 'handed_over', 'handover'],
  ];
  for (const [name, input, action, key] of cases) {
    it(name, () => {
      const d = decideTurn(input, now);
      assert.equal(d.action, action, d.detail);
      assert.equal(d.reply?.key ?? null, key);
    });
  }

  it('records the file as read: already_paid at its own confidence, by file', () => {
    assert.deepEqual(decideTurn(aTurn({ intent: 'other' }), now).read, { intent: 'already_paid', confidence: FILE_PROOF_CONFIDENCE, by: 'file' });
    const claim = decideTurn(aTurn({ intent: 'other' }), now).effects[0];
    assert.deepEqual(claim, { kind: 'payment_claim', amount: null, currency: null, date: null, byFile: true });
  });
});

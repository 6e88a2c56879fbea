// Key 3 and the typed code on a call the debtor makes, answered in TwiML: 3 sends the call's one-time code by SMS to the
// number on file (or says it cannot), 6 typed digits are checked against this call's code, and a right code has the
// balance said (each currency's total and the oldest due date, in the caller's locale; what is disputed said apart). Nothing
// about the debt before.
import type { Db } from '../../db/index.ts';
import { balanceTwiml, codeTwiml, date, money, type IncomingCall } from '../../messaging/index.ts';
import { callVerified, checkCallCode, owedByCustomer, sendCallCode } from './call-code.ts';

type Call = IncomingCall & { customerId?: string };

/** The balance as said to the verified caller, then their menu. */
async function balanceSaid(db: Db, orgId: string, call: Call & { customerId: string }): Promise<string> {
  const owed = await owedByCustomer(db, orgId, call.customerId);
  const locale = call.locale ?? call.pack.sayLanguage;
  return balanceTwiml(call, owed.totals.map((m) => money(m, locale)), owed.oldest ? date(owed.oldest, locale) : undefined,
    owed.disputed.map((m) => money(m, locale)));
}

/** The answer to key 3 or a typed code from a known caller, or undefined when the keys are not about the code. */
export async function answerCodeKeys(db: Db, orgId: string, callSid: string, call: Call, keys: { digits: string; eventId: string }, now: Date)
  : Promise<string | undefined> {
  const { digits, eventId } = keys;
  const customerId = call.customerId;
  if (!customerId) return undefined;
  if (digits === '3') {
    if (await callVerified(db, orgId, callSid)) return balanceSaid(db, orgId, { ...call, customerId });
    const sent = await sendCallCode(db, orgId, { callSid, customerId, language: call.pack.language, org: call.org }, now);
    return codeTwiml(sent === 'sent' || sent === 'already' ? 'sent' : sent === 'closed' ? 'expired' : sent, call);
  }
  if (digits.length !== 6) return undefined;
  const checked = await checkCallCode(db, orgId, { callSid, customerId, digits, eventId }, now);
  if (checked === 'none') return undefined;
  if (checked === 'verified') return balanceSaid(db, orgId, { ...call, customerId });
  return codeTwiml(checked === 'wrong' ? 'wrong' : checked === 'void' ? 'voided' : 'expired', call);
}

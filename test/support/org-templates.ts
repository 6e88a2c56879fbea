// The API on a fresh database with a debtor in Mexico City (reading Spanish) who allowed SMS: the setting of the org
// templates' tests.
import { testApi, type TestApi } from './api.ts';
import { aDebtor } from './messaging.ts';

export type SmsDebtor = Awaited<ReturnType<typeof aDebtor>>;

export async function apiWithSmsDebtor(now: Date, who: { name: string; phone: string }): Promise<{ t: TestApi; debtor: SmsDebtor }> {
  const t = await testApi(() => now);
  return { t, debtor: await aDebtor(t.db, t.org, who, ['sms']) };
}

// Sign-in throttling: five wrong passwords for one email in fifteen minutes lock that email, and thirty from one address
// lock the address, each until fifteen minutes after the last failure; a success clears the email's count. Kept in the
// database, so every API process sees the same count.
import type { Queryable } from '../db/index.ts';

export const SIGN_IN_LIMITS = { windowMinutes: 15, perEmail: 5, perIp: 30 } as const;

export interface SignInGate { allowed: boolean; retryAfterSeconds: number; reason?: string }

const key = (email: string) => email.trim().toLowerCase();

export async function signInGate(q: Queryable, email: string, ip: string, now: Date): Promise<SignInGate> {
  const since = new Date(now.getTime() - SIGN_IN_LIMITS.windowMinutes * 60_000);
  const [row] = await q.query<{ email_failures: number; email_last: string | null; ip_failures: number; ip_last: string | null }>(
    `WITH last_ok AS (SELECT max(at) AS at FROM sign_in_attempts WHERE email = $1 AND succeeded AND at > $3)
     SELECT
       (SELECT count(*)::int FROM sign_in_attempts, last_ok WHERE email = $1 AND NOT succeeded AND sign_in_attempts.at > $3
          AND (last_ok.at IS NULL OR sign_in_attempts.at > last_ok.at)) AS email_failures,
       (SELECT max(at)::text FROM sign_in_attempts WHERE email = $1 AND NOT succeeded AND at > $3) AS email_last,
       (SELECT count(*)::int FROM sign_in_attempts WHERE ip = $2 AND NOT succeeded AND at > $3) AS ip_failures,
       (SELECT max(at)::text FROM sign_in_attempts WHERE ip = $2 AND NOT succeeded AND at > $3) AS ip_last`,
    [key(email), ip, since.toISOString()]);
  const wait = (last: string | null) => Math.max(1, Math.ceil((new Date(last ?? now).getTime() + SIGN_IN_LIMITS.windowMinutes * 60_000 - now.getTime()) / 1000));
  if (row && row.email_failures >= SIGN_IN_LIMITS.perEmail) {
    return { allowed: false, retryAfterSeconds: wait(row.email_last), reason: `too many wrong passwords for this email; try again in ${Math.ceil(wait(row.email_last) / 60)} minutes` };
  }
  if (row && row.ip_failures >= SIGN_IN_LIMITS.perIp) {
    return { allowed: false, retryAfterSeconds: wait(row.ip_last), reason: `too many failed sign-ins from this address; try again in ${Math.ceil(wait(row.ip_last) / 60)} minutes` };
  }
  return { allowed: true, retryAfterSeconds: 0 };
}

export async function recordSignIn(q: Queryable, email: string, ip: string, succeeded: boolean, now: Date): Promise<void> {
  await q.query('INSERT INTO sign_in_attempts (email, ip, at, succeeded) VALUES ($1, $2, $3, $4)', [key(email), ip, now.toISOString(), succeeded]);
  // attempts older than a day count for nothing: drop this email's and address's old rows as we go
  await q.query('DELETE FROM sign_in_attempts WHERE (email = $1 OR ip = $2) AND at < $3', [key(email), ip, new Date(now.getTime() - 86_400_000).toISOString()]);
}

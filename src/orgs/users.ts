// Users who sign in to the workspace: scrypt password hashes with a per-user salt, and sessions stored as hashes.
import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { Queryable } from '../db/index.ts';
import { newId } from '../domain/ids.ts';
import { fail, ok, type Result } from '../domain/result.ts';
import type { Role } from './apiKeys.ts';
import { passwordCost, type PasswordCost } from './password-cost.ts';

export interface User {
  id: string;
  org_id: string;
  email: string;
  name: string;
  role: Role;
  must_change_password: boolean;
  created_at: string;
  last_sign_in_at: string | null;
}

export interface Session {
  id: string;
  org_id: string;
  user: User;
  expires_at: string;
  /** Sent back in the x-cobro-csrf header on every write made with the session cookie. */
  csrf_token: string;
}

const USER_COLUMNS = 'u.id, u.org_id, u.email, u.name, u.role, u.must_change_password, u.created_at, u.last_sign_in_at';
/** How long a session lives after sign-in. */
export const SESSION_HOURS = 12;
export const MIN_PASSWORD_LENGTH = 10;

const KEY_LENGTH = 64;

function scryptAsync(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, { N: n, r, p, maxmem: 128 * n * r * 2 }, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

/** `scrypt$N$r$p$salt$hash`, salt and hash in base64url; at production's cost (PASSWORD_COST) unless a test gives one. */
export async function hashPassword(password: string, cost?: PasswordCost): Promise<string> {
  const { N, r, p } = passwordCost(cost);
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, N, r, p);
  return ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Compares in constant time; a malformed stored hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [alg, n, r, p, salt, hash] = stored.split('$');
  if (alg !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await scryptAsync(password, Buffer.from(salt, 'base64url'), Number(n), Number(r), Number(p));
  return key.length === expected.length && timingSafeEqual(key, expected);
}

// checked against when no user has the email, so an unknown email takes as long as a wrong password (one per cost)
const decoys = new Map<string, Promise<string>>();

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function oneTimePassword(): string {
  return randomBytes(12).toString('base64url');
}

export interface NewUser {
  email: string; role: Role; name?: string; password?: string; mustChangePassword?: boolean;
  /** The hash's cost: production's unless a test harness gives its own (refused outside tests). */
  passwordCost?: PasswordCost;
}

/** Creates a user; without a password one is generated and returned once (the user must change it). */
export async function createUser(q: Queryable, orgId: string, input: NewUser): Promise<Result<{ user: User; password: string }>> {
  const email = normaliseEmail(input.email);
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return fail('VALIDATION_FAILED', 'email is not an email address', 'email');
  const password = input.password ?? oneTimePassword();
  if (password.length < MIN_PASSWORD_LENGTH) return fail('VALIDATION_FAILED', `a password has at least ${MIN_PASSWORD_LENGTH} characters`, 'password');
  const clash = await q.query('SELECT 1 FROM users WHERE org_id = $1 AND email = $2', [orgId, email]);
  if (clash.length) return fail('CONFLICT', `a user with email ${email} exists in this org`, 'email');
  const mustChange = input.mustChangePassword ?? input.password === undefined;
  const rows = await q.query<User>(
    `INSERT INTO users AS u (id, org_id, email, name, role, password_hash, must_change_password) VALUES ($1,$2,$3,$4,$5,$6,$7)
     RETURNING ${USER_COLUMNS}`,
    [newId('user'), orgId, email, input.name?.trim() ?? '', input.role, await hashPassword(password, input.passwordCost), mustChange]);
  return ok({ user: rows[0]!, password });
}

export async function listUsers(q: Queryable, orgId: string): Promise<User[]> {
  return q.query<User>(`SELECT ${USER_COLUMNS} FROM users u WHERE u.org_id = $1 AND u.disabled_at IS NULL ORDER BY u.email`, [orgId]);
}

export async function findUserByEmail(q: Queryable, orgId: string, email: string): Promise<User | undefined> {
  const rows = await q.query<User>(`SELECT ${USER_COLUMNS} FROM users u WHERE u.org_id = $1 AND u.email = $2`, [orgId, normaliseEmail(email)]);
  return rows[0];
}

/** Sets a new password (from the user, or a fresh one-time password an admin hands over); `cost` as in NewUser. */
export async function setPassword(q: Queryable, orgId: string, userId: string, password: string, mustChange = false, cost?: PasswordCost): Promise<Result<null>> {
  if (password.length < MIN_PASSWORD_LENGTH) return fail('VALIDATION_FAILED', `a password has at least ${MIN_PASSWORD_LENGTH} characters`, 'password');
  const rows = await q.query('UPDATE users SET password_hash = $3, must_change_password = $4 WHERE org_id = $1 AND id = $2 RETURNING id',
    [orgId, userId, await hashPassword(password, cost), mustChange]);
  return rows.length ? ok(null) : fail('NOT_FOUND', `no user ${userId}`, 'id');
}

/**
 * The user whose email and password these are. Email is unique per org, not across orgs: give orgId when the same
 * email is in several; without it, the one org where the password matches is chosen. A stored hash is checked at the cost
 * it was made at; `cost` is only the unknown email's decoy's (the cost new hashes are made at).
 */
export async function checkCredentials(q: Queryable, email: string, password: string, orgId?: string, cost?: PasswordCost): Promise<User | undefined> {
  const rows = await q.query<User & { password_hash: string }>(
    `SELECT ${USER_COLUMNS}, u.password_hash FROM users u WHERE u.email = $1 AND u.disabled_at IS NULL ${orgId ? 'AND u.org_id = $2' : ''}
     ORDER BY u.id LIMIT 5`, orgId ? [normaliseEmail(email), orgId] : [normaliseEmail(email)]);
  if (!rows.length) {
    const { N, r, p } = passwordCost(cost);
    const key = `${N}$${r}$${p}`;
    let decoy = decoys.get(key);
    if (!decoy) { decoy = hashPassword(randomBytes(8).toString('hex'), cost); decoys.set(key, decoy); }
    await verifyPassword(password, await decoy);
    return undefined;
  }
  for (const { password_hash: hash, ...user } of rows) {
    if (await verifyPassword(password, hash)) return user;
  }
  return undefined;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The CSRF token of a session: derived from its secret, so only a page that read /v1/me knows it. */
export function csrfToken(token: string): string {
  return createHash('sha256').update(`csrf\0${token}`).digest('base64url');
}

/** Starts a session and returns its secret token (for the cookie); only its hash is stored. */
export async function createSession(q: Queryable, user: User, now: Date): Promise<{ token: string; expiresAt: Date }> {
  const token = `cobro_ss_${randomBytes(32).toString('base64url')}`;
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3_600_000);
  await q.query('INSERT INTO sessions (id, org_id, user_id, token_hash, created_at, expires_at) VALUES ($1,$2,$3,$4,$5,$6)',
    [`ses_${randomBytes(12).toString('base64url')}`, user.org_id, user.id, hashToken(token), now, expiresAt]);
  await q.query('UPDATE users SET last_sign_in_at = $2 WHERE id = $1', [user.id, now]);
  return { token, expiresAt };
}

/** The live session of a token: not expired, not revoked, its user not disabled. */
export async function sessionFor(q: Queryable, token: string, now: Date): Promise<Session | undefined> {
  const rows = await q.query<User & { session_id: string; expires_at: string }>(
    `SELECT s.id AS session_id, s.expires_at, ${USER_COLUMNS} FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 AND u.disabled_at IS NULL`, [hashToken(token), now]);
  const row = rows[0];
  if (!row) return undefined;
  const { session_id: id, expires_at: expiresAt, ...user } = row;
  return { id, org_id: user.org_id, user, expires_at: expiresAt, csrf_token: csrfToken(token) };
}

/** Ends a session (sign out); true when it was live. */
export async function revokeSession(q: Queryable, token: string, now: Date): Promise<boolean> {
  const rows = await q.query('UPDATE sessions SET revoked_at = $2 WHERE token_hash = $1 AND revoked_at IS NULL RETURNING id', [hashToken(token), now]);
  return rows.length > 0;
}

/** Ends every session of a user but the one kept (password changed, user removed). */
export async function revokeUserSessions(q: Queryable, orgId: string, userId: string, now: Date, keepSessionId = ''): Promise<number> {
  const rows = await q.query(
    'UPDATE sessions SET revoked_at = $3 WHERE org_id = $1 AND user_id = $2 AND id <> $4 AND revoked_at IS NULL RETURNING id',
    [orgId, userId, now, keepSessionId]);
  return rows.length;
}

/** The user changes their own password, proving the current one; their other sessions end. */
export async function changePassword(q: Queryable, session: Session, current: string, next: string, now: Date, cost?: PasswordCost): Promise<Result<null>> {
  const [row] = await q.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE org_id = $1 AND id = $2',
    [session.org_id, session.user.id]);
  if (!row || !(await verifyPassword(current, row.password_hash))) return fail('VALIDATION_FAILED', 'the current password is wrong', 'current_password');
  const r = await setPassword(q, session.org_id, session.user.id, next, false, cost);
  if (!r.ok) return r;
  await revokeUserSessions(q, session.org_id, session.user.id, now, session.id);
  return ok(null);
}

/** The user with this email in the org, disabled ones included, and whether they are disabled (for sign-in by SSO). */
export async function findUserForSignIn(q: Queryable, orgId: string, email: string): Promise<{ user: User; disabled: boolean } | undefined> {
  const rows = await q.query<User & { disabled: boolean }>(
    `SELECT ${USER_COLUMNS}, u.disabled_at IS NOT NULL AS disabled FROM users u WHERE u.org_id = $1 AND u.email = $2`, [orgId, normaliseEmail(email)]);
  const row = rows[0];
  if (!row) return undefined;
  const { disabled, ...user } = row;
  return { user, disabled };
}

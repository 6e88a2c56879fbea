// Signing in through the org's OpenID Connect provider: start (the provider's URL and a sealed, short-lived login
// cookie holding state, nonce and PKCE verifier), then finish (state checked against the cookie, code exchanged, id_token
// verified, the user found or made under the org's rules). The caller starts the cobro session as for a password.
import { randomBytes } from 'node:crypto';
import type { Queryable } from '../db/index.ts';
import { createUser, findUserForSignIn, ROLES, type PasswordCost, type Role, type User } from '../orgs/index.ts';
import { recordAudit } from '../audit/index.ts';
import { open, seal, type VaultKey } from '../vault/index.ts';
import { discoverKept, jwksFor } from './cache.ts';
import { authorizationUrl, exchangeCode, newLoginSecrets, SsoError, verifyIdToken, type SsoErrorCode } from './oidc.ts';
import { ssoSettings, type SsoSettings } from './settings.ts';

/** How long the person has at the provider before the login cookie is refused. */
export const LOGIN_MINUTES = 10;
const LOGIN_AAD = 'oidc-login';

interface Login { org: string; state: string; nonce: string; verifier: string; redirect_uri: string; expires: number }

export type SsoOutcome<T> = { ok: true; value: T } | { ok: false; code: SsoErrorCode; detail: string };

async function guard<T>(fn: () => Promise<T>): Promise<SsoOutcome<T>> {
  try {
    return { ok: true, value: await fn() };
  } catch (e) {
    if (e instanceof SsoError) return { ok: false, code: e.code, detail: e.message };
    throw e;
  }
}

async function enabledSettings(q: Queryable, key: VaultKey, orgId: string): Promise<SsoSettings> {
  const s = await ssoSettings(q, key, orgId);
  if (!s.ok) throw new SsoError('not_configured', s.error.message);
  if (!s.value) throw new SsoError('not_configured', `org ${orgId} has no enabled SSO provider`);
  return s.value;
}

/** Where to send the browser, and the sealed login cookie value to set on it. */
export function startSsoSignIn(q: Queryable, key: VaultKey, p: { orgId: string; redirectUri: string; loginHint?: string; now: Date }) {
  return guard(async () => {
    const s = await enabledSettings(q, key, p.orgId);
    const d = await discoverKept(s.issuer, p.now);
    const secrets = newLoginSecrets();
    const login: Login = { org: p.orgId, ...secrets, redirect_uri: p.redirectUri, expires: p.now.getTime() + LOGIN_MINUTES * 60_000 };
    const url = authorizationUrl(d, { clientId: s.client_id, redirectUri: p.redirectUri, ...secrets, ...(p.loginHint ? { loginHint: p.loginHint } : {}) });
    return { url, cookie: seal(key, JSON.stringify(login), LOGIN_AAD) };
  });
}

function openLogin(key: VaultKey, cookie: string | undefined, state: string | undefined, now: Date): Login {
  const plain = cookie ? open(key, cookie, LOGIN_AAD) : null;
  if (!plain) throw new SsoError('state_mismatch', 'no login cookie from this browser: the sign-in was started elsewhere or the cookie was lost');
  const login = JSON.parse(plain) as Login;
  if (!state || state !== login.state) throw new SsoError('state_mismatch', 'the state the provider sent back is not this browser\'s');
  if (login.expires <= now.getTime()) throw new SsoError('expired', `the sign-in took longer than ${LOGIN_MINUTES} minutes`);
  return login;
}

/** The role a new user gets: the highest role the claim maps to, else the default; null when neither gives one. */
export function roleFor(s: Pick<SsoSettings, 'role_claim' | 'role_map' | 'default_role'>, claims: Record<string, unknown>): Role | null {
  if (s.role_claim) {
    const raw = claims[s.role_claim];
    const values = (Array.isArray(raw) ? raw : [raw]).filter((v): v is string => typeof v === 'string');
    const mapped = new Set(values.map((v) => s.role_map[v]).filter((r): r is Role => r !== undefined));
    const best = ROLES.find((r) => mapped.has(r));
    if (best) return best;
  }
  return s.default_role;
}

async function userFor(q: Queryable, s: SsoSettings, claims: Record<string, unknown>, now: Date, cost?: PasswordCost): Promise<{ user: User; created: boolean }> {
  if (claims.email_verified === false || claims.email_verified === 'false') throw new SsoError('email_unverified', 'the provider says the email is not verified');
  const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : '';
  const domain = email.slice(email.lastIndexOf('@') + 1);
  if (!email.includes('@')) throw new SsoError('malformed_token', 'the id_token has no email (ask for the email scope)');
  if (!s.allowed_domains.includes(domain)) throw new SsoError('domain_not_allowed', `the domain ${domain} is not allowed for this org`);
  const found = await findUserForSignIn(q, s.org_id, email);
  if (found?.disabled) throw new SsoError('user_disabled', `user ${found.user.id} is disabled`);
  if (found) return { user: found.user, created: false };
  if (!s.create_users) throw new SsoError('no_account', 'no user has this email and the org does not create users on first sign-in');
  const role = roleFor(s, claims);
  if (!role) throw new SsoError('no_role', 'the role claim maps to no role and there is no default role');
  const name = typeof claims.name === 'string' ? claims.name.slice(0, 200) : '';
  // a password nobody knows: the user signs in through the provider (an admin may hand out a password later)
  const made = await createUser(q, s.org_id, { email, role, name, password: randomBytes(32).toString('base64url'), mustChangePassword: false,
    ...(cost ? { passwordCost: cost } : {}) });
  if (!made.ok) throw new SsoError('no_account', made.error.message);
  await recordAudit(q, { orgId: s.org_id, actor: 'sso', action: 'user.created', entity: 'user', entityId: made.value.user.id, data: { role, by: 'sso' } }, now);
  return { user: made.value.user, created: true };
}

/** Checks what came back from the provider and returns the user to start a session for. */
export function finishSsoSignIn(q: Queryable, key: VaultKey, p: {
  cookie: string | undefined; state: string | undefined; code: string | undefined; error: string | undefined; now: Date;
  /** The cost of a new user's password hash (a test harness's; production's unless given). */
  passwordCost?: PasswordCost;
}): Promise<SsoOutcome<{ user: User; created: boolean }>> {
  return guard(async () => {
    const login = openLogin(key, p.cookie, p.state, p.now);
    if (p.error || !p.code) throw new SsoError('provider_refused', `the provider answered ${p.error ?? 'without a code'}`);
    const s = await enabledSettings(q, key, login.org);
    const d = await discoverKept(s.issuer, p.now);
    const idToken = await exchangeCode(d, { clientId: s.client_id, clientSecret: s.client_secret, redirectUri: login.redirect_uri, code: p.code, verifier: login.verifier });
    const claims = verifyIdToken(idToken, await jwksFor(d, idToken, p.now), { issuer: s.issuer, clientId: s.client_id, nonce: login.nonce, now: p.now });
    return userFor(q, s, claims, p.now, p.passwordCost);
  });
}

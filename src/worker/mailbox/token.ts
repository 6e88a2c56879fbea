// The access token a mailbox logs in with over OAuth2: got (or taken from this process's cache) under the connection's
// credential version, a refresh token the endpoint rotated stored back sealed in the org's vault where the first one
// came from, and a refresh refused because another process had rotated the token first tried once more with the one
// it stored.
import { createHash } from 'node:crypto';
import type { Queryable } from '../../db/index.ts';
import { getCredentials, replaceSecret, type ProviderSecrets, type ProviderSettings, type VaultKey } from '../../vault/index.ts';
import { accessToken, type Connection, type TokenError, type TokenSource } from '../../channels/oauth2.ts';
import type { EgressPolicy } from '../../channels/egress.ts';

type Settings = ProviderSettings<'imap'>;
type Secrets = ProviderSecrets<'imap'>;

function sourceOf(s: Settings, x: Secrets, egress: EgressPolicy | undefined): TokenSource {
  return x.refresh_token && s.token_url && s.client_id
    ? { refresh: { ...(egress ? { egress } : {}), tokenUrl: s.token_url, clientId: s.client_id, refreshToken: x.refresh_token, ...(x.client_secret ? { clientSecret: x.client_secret } : {}), ...(s.scope ? { scope: s.scope } : {}) } }
    : { accessToken: x.access_token ?? '' };
}

/** The connection's cache identity: its settings and when a person last stored them (`updated_at`; a rotation keeps it). */
export function connectionOf(orgId: string, settings: Settings, updatedAt: string): Connection {
  return { id: `${orgId}/imap`, version: createHash('sha256').update(`${updatedAt}\n${JSON.stringify(settings)}`).digest('base64url').slice(0, 16) };
}

export async function mailboxToken(q: Queryable, key: VaultKey, orgId: string, conn: Connection, s: Settings, x: Secrets, now: Date, timeoutMs: number,
  egress?: EgressPolicy,
): Promise<{ ok: true; token: string; source: TokenSource } | { ok: false; error: TokenError }> {
  let source = sourceOf(s, x, egress);
  let got = await accessToken(conn, source, now, timeoutMs);
  if (!got.ok && got.error.grant && 'refresh' in source) {
    // another process may have rotated the refresh token since these secrets were read: once more with the stored one
    const again = await getCredentials(q, key, orgId, 'imap');
    const stored = again.ok ? again.value?.secrets.refresh_token : undefined;
    if (stored && stored !== source.refresh.refreshToken) {
      source = { refresh: { ...source.refresh, refreshToken: stored } };
      got = await accessToken(conn, source, now, timeoutMs);
    }
  }
  if (!got.ok) return got;
  if (got.rotated && 'refresh' in source) {
    const kept = await replaceSecret(q, key, orgId, 'imap', 'refresh_token', source.refresh.refreshToken, got.rotated);
    if (!kept.ok) return { ok: false, error: { code: 'IMAP_OAUTH_FAILED', message: `the rotated refresh token could not be stored: ${kept.error.message}` } };
  }
  return { ok: true, token: got.token, source };
}

// A loopback OAuth2 token endpoint for the refresh_token grant, checked as Google's and Microsoft's are: POST,
// application/x-www-form-urlencoded, grant_type=refresh_token with the refresh token, client id and client secret it
// knows (and the scope when one is set). It answers a new access token each time (handed to `issued` so a test IMAP
// server can accept it) with expires_in; anything else is a 400 with an OAuth2 error. Requests are kept for the tests.
// With `rotate`, each refresh also answers a new refresh token and the one used stops working (invalid_grant), as
// Microsoft's endpoint may; `before` runs ahead of each answer (a test acts there as another process would).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TokenServer {
  url: string;
  /** The form fields of each request, in order. */
  requests: Record<string, string>[];
  /** The content type of each request. */
  contentTypes: string[];
  /** The one refresh token accepted now (it changes at each refresh with `rotate`; a test may set it). */
  refreshToken: string;
  close(): Promise<void>;
}

export async function tokenServer(o: { refreshToken: string; clientId: string; clientSecret: string; scope?: string; expiresIn: number; issued(token: string): void;
  rotate?: boolean; before?(form: Record<string, string>): Promise<void> }): Promise<TokenServer> {
  const requests: Record<string, string>[] = [];
  const contentTypes: string[] = [];
  let n = 0;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => { body += c.toString('utf8'); });
    req.on('end', async () => {
      const form = Object.fromEntries(new URLSearchParams(body));
      requests.push(form);
      await o.before?.(form);
      contentTypes.push(req.headers['content-type'] ?? '');
      const fail = (error: string, description: string) => {
        res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error, error_description: description }));
      };
      if (req.method !== 'POST' || req.url !== '/token') return fail('invalid_request', `${req.method} ${req.url}`);
      if (req.headers['content-type'] !== 'application/x-www-form-urlencoded') return fail('invalid_request', 'a form is expected');
      if (form['grant_type'] !== 'refresh_token') return fail('unsupported_grant_type', String(form['grant_type']));
      if (form['client_id'] !== o.clientId || form['client_secret'] !== o.clientSecret) return fail('invalid_client', 'Unauthorized');
      if (o.scope !== undefined && form['scope'] !== o.scope) return fail('invalid_scope', String(form['scope']));
      if (form['refresh_token'] !== out.refreshToken) return fail('invalid_grant', 'Token has been expired or revoked.');
      const token = `ya29.issued-${++n}-${Math.random().toString(36).slice(2)}`;
      o.issued(token);
      if (o.rotate) out.refreshToken = `1//0g-rotated-${n}-${Math.random().toString(36).slice(2)}`;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ access_token: token, expires_in: o.expiresIn, token_type: 'Bearer',
        scope: o.scope ?? 'https://mail.google.com/', ...(o.rotate ? { refresh_token: out.refreshToken } : {}) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const out: TokenServer = { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/token`, requests, contentTypes, refreshToken: o.refreshToken,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
  return out;
}

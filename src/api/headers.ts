// Security headers on every answer. Pages that set their own policy keep it (the workspace, the portal, the API docs);
// anything else, JSON above all, gets a policy that loads nothing and may not be framed.
import type { FastifyInstance } from 'fastify';

export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
/** A page without a policy of its own (a "not built" notice) runs no script and may not be framed. */
const PAGE_CSP = "default-src 'self'; script-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (req, reply, payload) => {
    const set = (name: string, value: string) => { if (!reply.hasHeader(name)) reply.header(name, value); };
    set('x-content-type-options', 'nosniff');
    set('x-frame-options', 'DENY');
    set('referrer-policy', 'no-referrer');
    set('cross-origin-opener-policy', 'same-origin');
    set('permissions-policy', 'camera=(), microphone=(), geolocation=()');
    const type = String(reply.getHeader('content-type') ?? '');
    set('content-security-policy', type.startsWith('text/html') ? PAGE_CSP : API_CSP);
    // only over HTTPS (directly, or behind a proxy the server trusts): a browser ignores it on plain HTTP anyway
    if (req.protocol === 'https') set('strict-transport-security', 'max-age=31536000; includeSubDomains');
    return payload;
  });
}

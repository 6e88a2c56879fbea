// Single sign-on on the sign-in page: the org's "Sign in with …" button (found by ?org= in the URL or by the email's
// domain) and, after a refused sign-in, why it was refused (?sso_error= set by /v1/sso/callback).
import { useEffect, useState } from 'react';
import { get } from '../app/api.ts';
import { useT } from '../i18n/index.tsx';
import './sso.css';

interface Button { org_id: string; label: string; start_url: string }

const TOKEN_ERRORS = new Set(['bad_signature', 'wrong_issuer', 'wrong_audience', 'token_expired', 'nonce_mismatch', 'malformed_token']);
const KNOWN_ERRORS = new Set(['not_configured', 'state_mismatch', 'expired', 'provider_refused', 'provider_unreachable', 'token_exchange_failed',
  'email_unverified', 'domain_not_allowed', 'user_disabled', 'no_account', 'no_role']);

function errorKey(code: string): string {
  if (TOKEN_ERRORS.has(code)) return 'sso.error.token';
  return KNOWN_ERRORS.has(code) ? `sso.error.${code}` : 'sso.error.provider_refused';
}

/** The buttons for the org in the URL, else for the email typed so far (once it has a domain). */
export function SsoButtons({ email }: { email: string }) {
  const { t } = useT();
  const params = new URLSearchParams(window.location.search);
  const org = params.get('org');
  const error = params.get('sso_error');
  const domain = /@[^\s@]+\.[^\s@]{2,}$/.test(email.trim()) ? email.trim().slice(email.trim().lastIndexOf('@') + 1).toLowerCase() : '';
  const [buttons, setButtons] = useState<Button[]>([]);
  useEffect(() => {
    if (!org && !domain) { setButtons([]); return; }
    let live = true;
    const query = org ? `org=${encodeURIComponent(org)}` : `email=${encodeURIComponent(`x@${domain}`)}`;
    get<{ data: Button[] }>(`/v1/sso/lookup?${query}`).then((r) => { if (live) setButtons(r.data); }, () => { if (live) setButtons([]); });
    return () => { live = false; };
  }, [org, domain]);
  const hint = email.trim() ? `&login_hint=${encodeURIComponent(email.trim())}` : '';
  return (
    <>
      {error ? (
        <div className="error" role="alert"><strong>{t('sso.error.title')}</strong><p>{t(errorKey(error))}</p></div>
      ) : null}
      {buttons.length ? (
        <div className="sso">
          {buttons.map((b) => (
            <a key={b.org_id} className="button primary" href={`${b.start_url}${hint}`}>{t('sso.button', { label: b.label })}</a>
          ))}
          <p className="muted small">{t('sso.or')}</p>
        </div>
      ) : null}
    </>
  );
}

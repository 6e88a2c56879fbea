// The debtor's own sign-out, offered while the page is open through the second factor's session: the session ends on
// the server (its chat streams too) and the page asks the second factor again; the link itself keeps working.
import { useState } from 'react';
import { call } from './api.ts';
import { useWords } from './texts/index.tsx';

export function SignOut({ onSignedOut }: { onSignedOut: () => void }) {
  const w = useWords();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const signOut = () => {
    setBusy(true);
    setFailed(false);
    call('POST', '/portal/api/session/sign-out').then(onSignedOut, () => { setFailed(true); setBusy(false); });
  };
  return (
    <span className="sign-out">
      <button type="button" onClick={signOut} disabled={busy}>{w.t('page.sign_out')}</button>
      {failed ? <span role="alert" className="error">{w.t('page.error')}</span> : null}
    </span>
  );
}

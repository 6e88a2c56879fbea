// The portal page: the link is checked first (refused plainly when expired or not valid), then the second factor when the
// org asks one, then what is owed and what the debtor can do, in their language (which they can change). A page open
// through the second factor's session offers to sign out of it, after which the second factor is asked again.
import { useCallback, useEffect, useState } from 'react';
import { call, logoUrl, PortalError } from './api.ts';
import type { Account, Language, LinkInfo } from './types.ts';
import { browserLanguage, LANGUAGES, localeOf, useWords, WordsProvider } from './texts/index.tsx';
import { Verify } from './Verify.tsx';
import { Owed } from './Owed.tsx';
import { Section } from './ui.tsx';
import { PayForm } from './actions/PayForm.tsx';
import { PromiseForm } from './actions/PromiseForm.tsx';
import { PlanForm } from './actions/PlanForm.tsx';
import { MoreTimeForm } from './actions/MoreTimeForm.tsx';
import { DisputeForm } from './actions/DisputeForm.tsx';
import { ContactForm } from './actions/ContactForm.tsx';
import { Chat } from './Chat.tsx';
import { CancelArrangement } from './Cancel.tsx';
import { History } from './History.tsx';
import { BankTransfer } from './Transfer.tsx';
import { SignOut } from './SignOut.tsx';

type State =
  | { phase: 'loading' } | { phase: 'refused'; expired: boolean } | { phase: 'failed' }
  | { phase: 'verify'; info: LinkInfo; signedOut?: boolean } | { phase: 'account'; info: LinkInfo; account: Account };

function LanguageSelect({ lang, onChange }: { lang: Language; onChange: (l: Language) => void }) {
  const w = useWords();
  return (
    <label className="language"><span>{w.t('page.language')}</span>
      <select value={lang} onChange={(e) => onChange(e.target.value as Language)}>
        {(Object.keys(LANGUAGES) as Language[]).map((l) => <option key={l} value={l} lang={l}>{LANGUAGES[l]}</option>)}
      </select>
    </label>
  );
}

function Body({ state, reload, onVerified }: { state: State; reload: () => void; onVerified: () => void }) {
  const w = useWords();
  const returned = new URLSearchParams(location.search).get('payment');
  useEffect(() => { document.title = w.org ? w.t('page.title', { org: w.org }) : w.t('refused.title'); }, [w]);
  if (state.phase === 'loading') return <p role="status">{w.t('page.loading')}</p>;
  if (state.phase === 'failed') return <p role="alert" className="error">{w.t('page.error')} <button type="button" onClick={reload}>{w.t('page.retry')}</button></p>;
  if (state.phase === 'refused') {
    return <div className="card refused"><h1>{w.t('refused.title')}</h1><p>{w.t(state.expired ? 'refused.expired' : 'refused.invalid')}</p></div>;
  }
  if (state.phase === 'verify') {
    return <>{state.signedOut ? <p className="notice" role="status">{w.t('page.signed_out')}</p> : null}<Verify info={state.info} onVerified={onVerified} /></>;
  }
  const { account } = state;
  const owes = account.totals.length > 0;
  return (
    <>
      <h1>{w.t('owed.hello', { name: account.customer.name })}</h1>
      {returned === 'success' ? <p className="notice" role="status">{w.t('pay.returned')}</p> : null}
      {returned === 'cancelled' ? <p className="notice" role="status">{w.t('pay.cancelled')}</p> : null}
      <Owed account={account} />
      {owes ? (
        <>
          <h2>{w.t('actions.title')}</h2>
          <Section id="pay" title={w.t('pay.title')}><PayForm account={account} /></Section>
          {account.bank_transfer?.length ? <Section id="transfer" title={w.t('transfer.title')}><BankTransfer account={account} /></Section> : null}
          <Section id="promise" title={w.t('promise.title')}><PromiseForm account={account} onDone={reload} /></Section>
          <Section id="plan" title={w.t('plan.title')}><PlanForm onDone={reload} /></Section>
          <Section id="time" title={w.t('time.title')}><MoreTimeForm account={account} onDone={reload} /></Section>
          <Section id="dispute" title={w.t('dispute.title')}><DisputeForm account={account} onDone={reload} /></Section>
          <CancelArrangement account={account} onDone={reload} />
        </>
      ) : null}
      <Chat account={account} onChanged={reload} />
      <Section id="history" title={w.t('history.title')}><History account={account} /></Section>
      <Section id="contact" title={w.t('contact.title')}><ContactForm /></Section>
    </>
  );
}

export function PortalApp() {
  const [state, setState] = useState<State>({ phase: 'loading' });
  const [chosen, setChosen] = useState<Language | null>(null);
  const fail = (e: unknown) => setState(e instanceof PortalError && e.status === 401 ? { phase: 'refused', expired: e.field === 'expires_at' } : { phase: 'failed' });
  const loadAccount = useCallback((info: LinkInfo) => {
    call<Account>('GET', '/portal/api/account').then((account) => setState({ phase: 'account', info, account }),
      // a page already asking the second factor (signed out just now) stays as it is
      (e: unknown) => (e instanceof PortalError && e.status === 403 ? setState((p) => (p.phase === 'verify' ? p : { phase: 'verify', info })) : fail(e)));
  }, []);
  // the account first (one round trip less on a slow network); only when it asks the second factor, what the link needs
  const load = useCallback(() => {
    call<Account>('GET', '/portal/api/account').then(
      (account) => setState({ phase: 'account', account,
        info: { org: account.org, language: account.language, locale: account.locale, second_factor: 'none', verified: true } }),
      (e: unknown) => (e instanceof PortalError && e.status === 403
        ? call<LinkInfo>('GET', '/portal/api/link').then((info) => setState({ phase: 'verify', info }), fail) : fail(e)));
  }, []);
  useEffect(load, [load]);
  const info = 'info' in state ? state.info : null;
  const [logo, setLogo] = useState<string | null>(null);
  // the logo is asked for only when the org has one (the link or the account says so): no request that would find nothing
  const hasLogo = info?.org.logo === true;
  useEffect(() => { if (hasLogo) void logoUrl().then(setLogo); else setLogo(null); }, [hasLogo]);
  const lang = chosen ?? info?.language ?? browserLanguage();
  const reload = () => (info ? loadAccount(info) : load());
  // the second factor's screen again, with what the link says it asks (the account alone does not name it)
  const signedOut = () => call<LinkInfo>('GET', '/portal/api/link').then((i) => setState({ phase: 'verify', info: i, signedOut: true }), fail);
  return (
    <WordsProvider lang={lang} locale={localeOf(lang, info?.locale)} org={info?.org.name ?? ''}>
      <header className="top">
        <p className="org">{logo ? <img className="logo" src={logo} alt="" /> : null}{info?.org.name ?? ''}</p>
        <div className="top-tools">
          <LanguageSelect lang={lang} onChange={setChosen} />
          {state.phase === 'account' && state.account.signed_in ? <SignOut onSignedOut={signedOut} /> : null}
        </div>
      </header>
      <main id="main">
        <Body state={state} reload={reload} onVerified={() => info && loadAccount(info)} />
      </main>
    </WordsProvider>
  );
}

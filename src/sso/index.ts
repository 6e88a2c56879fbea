// Single sign-on through an org's OpenID Connect provider.
export { putSso, showSso, disableSso, deleteSso, ssoInput, ssoButtonForOrg, ssoButtonsForEmail, type SsoSummary, type SsoButton, type SsoInput } from './settings.ts';
export { startSsoSignIn, finishSsoSignIn, roleFor, LOGIN_MINUTES, type SsoOutcome } from './flow.ts';
export { verifyIdToken, pkceChallenge, type SsoErrorCode } from './oidc.ts';

// Texto em português (Brasil) do login único (as mesmas chaves de sso-en.ts).
import type { ssoEn } from './sso-en.ts';

export const ssoPt: Record<keyof typeof ssoEn, string> = {
  'sso.button': 'Entrar com {label}', 'sso.or': 'ou com seu e-mail e senha', 'sso.orgHint': 'Entrando em uma organização com login único.',
  'sso.error.title': 'O login único não funcionou',
  'sso.error.not_configured': 'Esta organização não tem o login único configurado (ou ele está desligado). Entre com seu e-mail e senha, ou fale com um administrador.',
  'sso.error.state_mismatch': 'Este login não começou neste navegador, ou começou duas vezes. Comece de novo a partir desta página.',
  'sso.error.expired': 'O login demorou demais. Comece de novo a partir desta página.',
  'sso.error.provider_refused': 'Seu provedor de identidade não deixou você entrar.',
  'sso.error.provider_unreachable': 'Não foi possível falar com seu provedor de identidade. Tente daqui a pouco ou peça a um administrador que confira a configuração.',
  'sso.error.token_exchange_failed': 'Seu provedor de identidade recusou o pedido do cobro; um administrador deve conferir o client id e o segredo.',
  'sso.error.token': 'Não foi possível verificar a resposta do seu provedor de identidade, então você não entrou. Comece de novo; se continuar, avise um administrador.',
  'sso.error.email_unverified': 'Seu provedor de identidade não verificou seu e-mail.',
  'sso.error.domain_not_allowed': 'O domínio do seu e-mail não pode entrar nesta organização.',
  'sso.error.user_disabled': 'Seu usuário do cobro está desativado. Fale com um administrador.',
  'sso.error.no_account': 'Não há usuário do cobro com seu e-mail, e esta organização não cria usuários no primeiro login. Peça a um administrador para incluir você.',
  'sso.error.no_role': 'Seus grupos no provedor de identidade não dão nenhum papel no cobro. Fale com um administrador.',
  'sso.set.title': 'Login único (OpenID Connect)',
  'sso.set.intro': 'Deixe as pessoas entrarem pelo seu provedor de identidade (Okta, Entra ID, Google, Keycloak…). Cadastre no provedor a URI de redirecionamento abaixo.',
  'sso.set.label': 'Nome do botão', 'sso.set.issuer': 'URL do emissor (issuer)', 'sso.set.clientId': 'Client id', 'sso.set.clientSecret': 'Segredo do cliente',
  'sso.set.secretKept': 'Guardado ({hint}); deixe vazio para manter.', 'sso.set.domains': 'Domínios de e-mail permitidos', 'sso.set.domainsHint': 'Separados por vírgulas, ex.: acme.com, acme.com.br',
  'sso.set.createUsers': 'Criar usuários no primeiro login', 'sso.set.defaultRole': 'Papel dos novos usuários', 'sso.set.noRole': '— recusar —',
  'sso.set.roleClaim': 'Claim do papel (opcional)', 'sso.set.roleMap': 'Valor do claim = papel', 'sso.set.roleMapHint': 'Um por linha, ex.: cobro-admins = admin',
  'sso.set.enabled': 'Mostrar o botão de login', 'sso.set.save': 'Salvar', 'sso.set.saved': 'Salvo.', 'sso.set.remove': 'Remover o login único',
  'sso.set.removeConfirm': 'Remover o login único? Os usuários mantêm suas contas.', 'sso.set.redirectUri': 'URI de redirecionamento', 'sso.set.signInLink': 'Link de login desta organização',
  'sso.set.none': 'Não configurado: entra-se com e-mail e senha.',
};

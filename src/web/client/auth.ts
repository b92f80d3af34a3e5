/**
 * The credential lives in sessionStorage: it is this tab's only, gone when the tab closes, never in a URL,
 * a cookie or a log. With OIDC configured, sign-in is the authorization code flow with PKCE (a public client).
 */
const TOKEN_KEY = 'zix.token';
const PKCE_KEY = 'zix.pkce';
export const CALLBACK_PATH = '/app/callback';

export interface OidcSettings {
  authorizationUrl: string;
  tokenUrl: string;
  clientId: string;
  scope: string;
}

export const currentToken = (): string | null => sessionStorage.getItem(TOKEN_KEY);

export function signIn(token: string): void {
  sessionStorage.setItem(TOKEN_KEY, token.trim());
}

export function signOut(): void {
  sessionStorage.removeItem(TOKEN_KEY);
}

export async function oidcSettings(): Promise<OidcSettings | null> {
  const response = await fetch('/web-config.json');
  if (!response.ok) return null;
  const body = (await response.json()) as { oidc: OidcSettings | null };
  return body.oidc;
}

function base64url(bytes: Uint8Array): string {
  let text = '';
  bytes.forEach((b) => (text += String.fromCharCode(b)));
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

const randomText = () => base64url(crypto.getRandomValues(new Uint8Array(32)));
const redirectUri = () => `${location.origin}${CALLBACK_PATH}`;

export async function startOidc(settings: OidcSettings): Promise<void> {
  const verifier = randomText();
  const state = randomText();
  const challenge = base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  sessionStorage.setItem(PKCE_KEY, JSON.stringify({ verifier, state }));
  const url = new URL(settings.authorizationUrl);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: settings.clientId,
    redirect_uri: redirectUri(),
    scope: settings.scope,
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString();
  location.assign(url.toString());
}

/** On the callback page: checks the state, trades the code for a token, and takes the code out of the address bar. */
export async function completeOidc(settings: OidcSettings): Promise<void> {
  const params = new URLSearchParams(location.search);
  history.replaceState(null, '', '/app');
  const saved = JSON.parse(sessionStorage.getItem(PKCE_KEY) ?? 'null') as { verifier: string; state: string } | null;
  sessionStorage.removeItem(PKCE_KEY);
  const code = params.get('code');
  if (params.get('error')) throw new Error(params.get('error_description') ?? params.get('error')!);
  if (!saved || !code || params.get('state') !== saved.state) throw new Error('state');
  const response = await fetch(settings.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri(), client_id: settings.clientId, code_verifier: saved.verifier }),
  });
  const body = (await response.json().catch(() => ({}))) as { access_token?: string; error?: string };
  if (!response.ok || !body.access_token) throw new Error(body.error ?? `HTTP ${response.status}`);
  signIn(body.access_token);
}

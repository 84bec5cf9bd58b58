// The authorization-code grant (RFC 6749 + PKCE S256, OpenID4VCI 1.0 §5): the browser part is the
// caller's `authorize` callback (the extension uses browser.identity.launchWebAuthFlow); this
// builds the request, checks the redirect and returns the token request's form fields.
import { namedError } from '../errors';
import { base64url } from './jwt';
import type { StepContext } from './step-context';
import type { Oid4vciState } from './state';

export const WALLET_CLIENT_ID = 'vcalm-wallet';

const random = (n: number) => base64url({ bytes: globalThis.crypto.getRandomValues(new Uint8Array(n)) });

export async function pkceChallenge({ verifier }: { verifier: string }): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url({ bytes: new Uint8Array(digest) });
}

export async function authorizationCodeToken({ state, ctx }: { state: Oid4vciState; ctx: StepContext }): Promise<Record<string, unknown>> {
  if (!ctx.authorize || !ctx.redirectUri) {
    throw namedError({ name: 'NotSupportedError', message: 'This issuer needs you to sign in (authorization code); this wallet context cannot open a sign-in window.' });
  }
  const issuer = state.issuer!;
  const grant = (state.offer!.grants as Record<string, Record<string, unknown>>).authorization_code ?? {};
  const verifier = random(32);
  const pkceState = random(16);
  state.pkce = { verifier, redirectUri: ctx.redirectUri, state: pkceState };
  const url = new URL(issuer.authorizationEndpoint!);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', WALLET_CLIENT_ID);
  url.searchParams.set('redirect_uri', ctx.redirectUri);
  url.searchParams.set('code_challenge', await pkceChallenge({ verifier }));
  url.searchParams.set('code_challenge_method', 'S256');
  url.searchParams.set('state', pkceState);
  if (typeof grant.issuer_state === 'string') url.searchParams.set('issuer_state', grant.issuer_state);
  url.searchParams.set('authorization_details', JSON.stringify(issuer.configurations.map((c) => ({
    type: 'openid_credential', credential_configuration_id: c.id,
  }))));
  const returned = await ctx.authorize({ url: url.href, redirectUri: ctx.redirectUri });
  let redirect: URL;
  try {
    redirect = new URL(returned);
  } catch (cause) {
    throw namedError({ name: 'DataError', message: 'The sign-in window returned no URL.', cause });
  }
  if (!returned.startsWith(ctx.redirectUri)) throw namedError({ name: 'NotAllowedError', message: 'The sign-in ended at another address than the wallet\'s redirect URI.' });
  const error = redirect.searchParams.get('error');
  if (error) throw namedError({ name: 'NotAllowedError', message: `The issuer's sign-in refused: ${error.slice(0, 80)} ${redirect.searchParams.get('error_description')?.slice(0, 300) ?? ''}`.trim() });
  if (redirect.searchParams.get('state') !== pkceState) throw namedError({ name: 'NotAllowedError', message: 'The sign-in answer carries another "state" than the one sent; refused.' });
  const code = redirect.searchParams.get('code');
  if (!code) throw namedError({ name: 'DataError', message: 'The sign-in answer has no authorization code.' });
  return { grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: ctx.redirectUri, client_id: WALLET_CLIENT_ID };
}

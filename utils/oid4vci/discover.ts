// The discover step: resolve an offer by reference, read the issuer's metadata and its
// authorization server's, and decide the grant. Formats the wallet cannot keep are refused here,
// before any code or token is used.
import { namedError } from '../errors';
import { checkEndpointUrl } from '../vcalm/url-policy';
import { oauthError, sendOid4 } from './http';
import { checkOffer } from './offer';
import type { StepContext } from './step-context';
import type { IssuerContext, Oid4vciState } from './state';

export const PRE_AUTHORIZED_GRANT = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';
/** The only format the wallet can verify and keep (Data Integrity-secured JSON-LD VCs). */
export const SUPPORTED_FORMATS = ['ldp_vc'];

/**
 * `{origin}/.well-known/{name}{path}` (RFC 8615 as OpenID4VCI 1.0 and RFC 8414 use it), and the
 * older `{issuer}/.well-known/{name}` that draft issuers serve, as a fallback.
 */
export function wellKnownUrls({ base, name }: { base: string; name: string }): string[] {
  const url = new URL(base);
  const path = url.pathname.replace(/\/+$/, '');
  const inserted = `${url.origin}/.well-known/${name}${path}`;
  const appended = `${url.origin}${path}/.well-known/${name}`;
  return inserted === appended ? [inserted] : [inserted, appended];
}

async function getJson({ state, ctx, url, kind, what }: {
  state: Oid4vciState; ctx: StepContext; url: string; kind: 'offer' | 'metadata'; what: string;
}) {
  const res = await sendOid4({
    fetch: ctx.fetch, method: 'GET', url, kind, exchangeId: state.id, seq: state.seq++,
    onMessage: ctx.onMessage, limits: state.limits, deadline: state.deadline, signal: ctx.signal, privateNetwork: state.privateNetwork !== false,
  });
  return { ...res, ok: res.status >= 200 && res.status < 300, what };
}

async function firstJson({ state, ctx, urls, what }: { state: Oid4vciState; ctx: StepContext; urls: string[]; what: string }) {
  let last: Awaited<ReturnType<typeof getJson>> | undefined;
  for (const url of urls) {
    last = await getJson({ state, ctx, url, kind: 'metadata', what });
    if (last.ok && last.body && typeof last.body === 'object' && !Array.isArray(last.body)) return { url, body: last.body as Record<string, unknown> };
    if (last.status !== 404) break;
  }
  throw oauthError({ status: last!.status, body: last!.body, url: urls[urls.length - 1], what: `Reading the ${what}` });
}

const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);

export async function discover({ state, ctx }: { state: Oid4vciState; ctx: StepContext }): Promise<void> {
  if (!state.offer) {
    const url = new URL(new URLSearchParams(state.offerUrl.slice(state.offerUrl.indexOf('?') + 1)).get('credential_offer_uri')!).href;
    const res = await getJson({ state, ctx, url, kind: 'offer', what: 'credential offer' });
    if (!res.ok) {
      const error = oauthError({ status: res.status, body: res.body, url, what: 'Fetching the credential offer' });
      if (res.status === 404 || res.status === 410) error.message += ' The offer has expired or was already used.';
      throw error;
    }
    state.offer = checkOffer({ offer: res.body });
  }
  const offer = checkOffer({ offer: state.offer });
  const credentialIssuer = offer.credential_issuer.replace(/\/+$/, '');
  const { body: metadata } = await firstJson({
    state, ctx, urls: wellKnownUrls({ base: credentialIssuer, name: 'openid-credential-issuer' }), what: 'credential issuer metadata',
  });
  if (str(metadata.credential_issuer)?.replace(/\/+$/, '') !== credentialIssuer) {
    throw namedError({ name: 'DataError', message: `The issuer metadata names "${String(metadata.credential_issuer).slice(0, 200)}", not the offer's issuer ${credentialIssuer}.` });
  }
  const credentialEndpoint = str(metadata.credential_endpoint);
  if (!credentialEndpoint) throw namedError({ name: 'DataError', message: 'The issuer metadata has no "credential_endpoint".' });
  checkEndpointUrl({ url: credentialEndpoint, what: 'credential endpoint' });
  const nonceEndpoint = str(metadata.nonce_endpoint);
  if (nonceEndpoint) checkEndpointUrl({ url: nonceEndpoint, what: 'nonce endpoint' });
  const supported = (metadata.credential_configurations_supported ?? {}) as Record<string, Record<string, unknown>>;
  const configurations: IssuerContext['configurations'] = [];
  for (const id of offer.credential_configuration_ids) {
    const config = supported[id];
    if (!config || typeof config !== 'object') {
      throw namedError({ name: 'DataError', message: `The offer names "${id.slice(0, 100)}", which the issuer's metadata does not describe.` });
    }
    const format = String(config.format ?? '');
    if (!SUPPORTED_FORMATS.includes(format)) {
      throw namedError({
        name: 'NotSupportedError',
        message: `The issuer offers "${id.slice(0, 100)}" in the format "${format.slice(0, 40) || '(none)'}"; this wallet keeps only ldp_vc (Data Integrity) credentials. Nothing was requested.`,
      });
    }
    const definition = (config.credential_definition ?? (config.credential_metadata as Record<string, unknown> | undefined)?.credential_definition) as Record<string, unknown> | undefined;
    configurations.push({
      id, format, proofTypes: (config.proof_types_supported ?? {}) as Record<string, unknown>,
      ...(definition && typeof definition === 'object' ? { definition } : {}),
    });
  }
  const display = Array.isArray(metadata.display) ? metadata.display[0] as Record<string, unknown> | undefined : undefined;
  const issuer: IssuerContext = {
    credentialIssuer,
    credentialEndpoint,
    ...(nonceEndpoint ? { nonceEndpoint } : {}),
    configurations,
    ...(str(display?.name) ? { name: String(display!.name).slice(0, 200) } : {}),
  };
  // Authorization server: the one the grant names, else the first listed, else the issuer itself.
  const preAuth = offer.grants[PRE_AUTHORIZED_GRANT];
  const authCode = offer.grants.authorization_code;
  const servers = Array.isArray(metadata.authorization_servers) ? metadata.authorization_servers.filter((s): s is string => typeof s === 'string') : [];
  const asUrl = str(preAuth?.authorization_server) ?? str(authCode?.authorization_server) ?? servers[0] ?? credentialIssuer;
  checkEndpointUrl({ url: asUrl, what: 'authorization server' });
  if (str(metadata.token_endpoint)) {
    issuer.tokenEndpoint = String(metadata.token_endpoint); // draft issuers that serve both roles
  } else {
    const urls = [...wellKnownUrls({ base: asUrl, name: 'oauth-authorization-server' }), ...wellKnownUrls({ base: asUrl, name: 'openid-configuration' })];
    const { body: as } = await firstJson({ state, ctx, urls: [...new Set(urls)], what: 'authorization server metadata' });
    if (str(as.token_endpoint)) issuer.tokenEndpoint = String(as.token_endpoint);
    if (str(as.authorization_endpoint)) issuer.authorizationEndpoint = String(as.authorization_endpoint);
  }
  if (!issuer.tokenEndpoint) throw namedError({ name: 'DataError', message: 'Neither the issuer nor its authorization server names a "token_endpoint".' });
  checkEndpointUrl({ url: issuer.tokenEndpoint, what: 'token endpoint' });
  state.issuer = issuer;
  state.origin = new URL(credentialIssuer).origin;
  state.exchangeUrl = credentialEndpoint;

  if (preAuth && str(preAuth['pre-authorized_code'])) {
    state.grant = 'pre-authorized_code';
    const txCode = preAuth.tx_code ?? (preAuth.user_pin_required === true ? { input_mode: 'numeric' } : undefined); // draft 11: user_pin_required
    if (txCode && typeof txCode === 'object') {
      const t = txCode as Record<string, unknown>;
      state.txCode = {
        ...(t.input_mode === 'text' || t.input_mode === 'numeric' ? { input_mode: t.input_mode } : { input_mode: 'numeric' as const }),
        ...(Number.isInteger(t.length) && (t.length as number) > 0 && (t.length as number) <= 64 ? { length: t.length as number } : {}),
        ...(str(t.description) ? { description: String(t.description).slice(0, 300) } : {}),
      };
      state.status = 'pin';
      return;
    }
    state.status = 'ready';
    return;
  }
  if (authCode) {
    if (!issuer.authorizationEndpoint) throw namedError({ name: 'DataError', message: 'The authorization server names no "authorization_endpoint".' });
    checkEndpointUrl({ url: issuer.authorizationEndpoint, what: 'authorization endpoint' });
    state.grant = 'authorization_code';
    state.status = 'ready';
    return;
  }
  throw namedError({ name: 'NotSupportedError', message: 'The offer has neither a pre-authorized code nor an authorization-code grant.' });
}

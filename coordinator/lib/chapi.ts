// CHAPI-shaped wrappers around an exchange URL, for pages that hand the exchange to a wallet
// through `navigator.credentials.get` (or a bridge that imitates it).

import { checkHttpUrl } from './http';

export const VCAPI_SERVICE_TYPE = 'VerifiableCredentialApiExchangeService';

export interface InteractWrapper {
  VerifiablePresentation: { interact: { service: { type: string; serviceEndpoint: string }[] } };
  protocols: Record<string, string>;
}

/** `{VerifiablePresentation: {interact: {service: [...]}}, protocols: {vcapi}}`. */
export function interactWrapper({ exchangeUrl, protocols }: { exchangeUrl: string; protocols?: Record<string, string> }): InteractWrapper {
  const endpoint = checkHttpUrl({ value: exchangeUrl, label: 'exchangeUrl' }).href;
  return {
    VerifiablePresentation: { interact: { service: [{ type: VCAPI_SERVICE_TYPE, serviceEndpoint: endpoint }] } },
    protocols: { vcapi: endpoint, ...protocols },
  };
}

export interface ChapiGetRequestOptions {
  exchangeUrl: string;
  /** The challenge the workflow's first step will send (bedrock: the exchange's local id). */
  challenge: string;
  /** The domain the workflow's first step will send (the workflow service's origin). */
  domain: string;
  /** Defaults to one DIDAuthentication query for did:key with eddsa-rdfc-2022 or Ed25519Signature2020. */
  query?: unknown[];
  protocols?: Record<string, string>;
  recommendedHandlerOrigins?: string[];
}

/** The argument for `navigator.credentials.get(...)`: `{web: {VerifiablePresentation: {...}, protocols}}`. */
export function chapiGetRequest({ exchangeUrl, challenge, domain, query, protocols, recommendedHandlerOrigins }: ChapiGetRequestOptions) {
  if (typeof challenge !== 'string' || challenge === '') throw new TypeError('"challenge" must be a non-empty string.');
  if (typeof domain !== 'string' || domain === '') throw new TypeError('"domain" must be a non-empty string.');
  const wrapper = interactWrapper({ exchangeUrl, protocols });
  const web: Record<string, unknown> = {
    VerifiablePresentation: {
      query: query ?? [
        {
          type: 'DIDAuthentication',
          acceptedMethods: [{ method: 'key' }],
          acceptedCryptosuites: [{ cryptosuite: 'eddsa-rdfc-2022' }, { cryptosuite: 'Ed25519Signature2020' }],
        },
      ],
      challenge,
      domain,
      interact: wrapper.VerifiablePresentation.interact,
    },
    protocols: wrapper.protocols,
  };
  if (recommendedHandlerOrigins) web.recommendedHandlerOrigins = recommendedHandlerOrigins;
  return { web };
}

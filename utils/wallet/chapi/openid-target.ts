// The first server an exchange a page names will make the wallet contact, before anyone is asked:
// its origin is what the consent window names, and what the local-network rule checks (a public
// page may not send the wallet into the user's network). For vcapi that is the exchange URL. For
// OpenID it is read from the link with the protocol libraries' own parsers:
//   OID4VP  — request_uri (by reference), else response_uri (by value, as a parameter or inside
//             a `request` object); the engine checks every later URL against the same rule.
//   OID4VCI — credential_offer_uri (by reference), else the offer's credential_issuer; its engine
//             too refuses every later loopback / local-network URL for a public page's issuance.
// Named errors (DataError, NotSupportedError, NotAllowedError) for links that cannot be run.
import type { ExchangeTarget } from '../../chapi/exchange-target';
import { namedError } from '../../errors';
import { decodeJwt, looksLikeJwt, parseRequestUri } from '../../oid4vp';
import { parseCredentialOffer } from '../../oid4vci';

export function firstContactUrl({ target }: { target: ExchangeTarget }): string {
  if (target.protocol === 'vcapi') return target.url;
  if (target.protocol === 'oid4vci') {
    const offer = parseCredentialOffer({ url: target.url });
    return offer.offerUri ?? (offer.offer!.credential_issuer as string);
  }
  const { params, requestUri } = parseRequestUri({ uri: target.url });
  if (requestUri) return requestUri;
  if (typeof params.response_uri === 'string') return params.response_uri;
  if (looksLikeJwt(params.request)) {
    const inside = decodeJwt({ jwt: params.request }).payload.response_uri;
    if (typeof inside === 'string') return inside;
  }
  throw namedError({
    name: 'DataError',
    message: `The OpenID4VP request in ${target.via} names no request_uri or response_uri: the wallet cannot tell which verifier it is for.`,
  });
}

// Where a CHAPI get() wants the wallet to run an exchange: an `interact.service` entry the
// wallet speaks, `protocols.vcapi`, or — when neither is given — an OpenID protocol in
// `protocols` (OID4VP / oid4vp-1.0 / drafts: an openid4vp:// request; OID4VCI / oid4vci-1.0: an
// openid-credential-offer:// offer). vcapi first, then OID4VP, then OID4VCI: the order the popup
// and `npm run exchange` use for an interaction URL (utils/vcalm/entry's pickProtocol). Other
// services are kept for display, not run. Runs in the page too, so only cheap shape checks here;
// the background reads an OpenID link fully (utils/wallet/chapi/openid-target.ts).
import { protocolOfKey, type ProtocolName } from '../vcalm/entry';
import { isAllowedEndpoint } from './origin';

/** interact.service types whose serviceEndpoint is a VC-API exchange URL. */
export const EXCHANGE_SERVICE_TYPES = [
  'VerifiableCredentialApiExchangeService',
  'UnmediatedPresentationService2021',
  'UnmediatedHttpPresentationService2021',
] as const;

export interface ExchangeTarget {
  /** Which engine runs it. */
  protocol: ProtocolName;
  /** vcapi: the VC-API exchange URL the wallet will POST to; oid4vp / oid4vci: the OpenID link. */
  url: string;
  /** Where it came from, e.g. "interact.service[0] (VerifiableCredentialApiExchangeService)", "protocols.OID4VP". */
  via: string;
}

export interface InteractService {
  type: string;
  serviceEndpoint?: string;
}

/** The OpenID preference after vcapi (as utils/vcalm/entry's PREFERENCE). */
const OPENID_ORDER: ProtocolName[] = ['oid4vp', 'oid4vci'];

/**
 * Pick the exchange to run. Throws TypeError when a service the wallet speaks names an endpoint
 * it must not call (not https, or http off loopback) or an OpenID protocol's value is not a
 * link; returns undefined when there is none.
 */
export function pickExchangeTarget({ services, protocols, path }: {
  services: InteractService[];
  protocols: Record<string, string>;
  path: string;
}): ExchangeTarget | undefined {
  for (const [i, service] of services.entries()) {
    if (!(EXCHANGE_SERVICE_TYPES as readonly string[]).includes(service.type)) continue;
    if (service.serviceEndpoint === undefined) continue;
    const where = `${path}.VerifiablePresentation.interact.service[${i}].serviceEndpoint`;
    if (!isAllowedEndpoint({ url: service.serviceEndpoint })) {
      throw new TypeError(`"${where}" must be an https URL (plain http only on loopback).`);
    }
    return { protocol: 'vcapi', url: service.serviceEndpoint, via: `interact.service[${i}] (${service.type})` };
  }
  if (protocols.vcapi !== undefined) {
    if (!isAllowedEndpoint({ url: protocols.vcapi })) {
      throw new TypeError(`"${path}.protocols.vcapi" must be an https URL (plain http only on loopback).`);
    }
    return { protocol: 'vcapi', url: protocols.vcapi, via: 'protocols.vcapi' };
  }
  for (const want of OPENID_ORDER) {
    const key = Object.keys(protocols).find((k) => protocolOfKey(k) === want);
    if (key === undefined) continue;
    if (!URL.canParse(protocols[key])) {
      throw new TypeError(`"${path}.protocols.${key}" must be an ${want === 'oid4vp' ? 'openid4vp://' : 'openid-credential-offer://'} link or an https URL.`);
    }
    return { protocol: want, url: protocols[key], via: `protocols.${key}` };
  }
  return undefined;
}

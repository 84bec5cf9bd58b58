// Where a CHAPI get() wants the wallet to run a VCALM exchange: an `interact.service` entry the
// wallet speaks, or `protocols.vcapi`. Other services are kept for display, not run.
import { isAllowedEndpoint } from './origin';

/** interact.service types whose serviceEndpoint is a VC-API exchange URL. */
export const EXCHANGE_SERVICE_TYPES = [
  'VerifiableCredentialApiExchangeService',
  'UnmediatedPresentationService2021',
  'UnmediatedHttpPresentationService2021',
] as const;

export interface ExchangeTarget {
  /** The VC-API exchange URL the wallet will POST to. */
  url: string;
  /** Where it came from, e.g. "interact.service[0] (VerifiableCredentialApiExchangeService)". */
  via: string;
}

export interface InteractService {
  type: string;
  serviceEndpoint?: string;
}

/**
 * Pick the exchange to run. Throws TypeError when a service the wallet speaks names an endpoint
 * it must not call (not https, or http off loopback); returns undefined when there is none.
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
    return { url: service.serviceEndpoint, via: `interact.service[${i}] (${service.type})` };
  }
  if (protocols.vcapi !== undefined) {
    if (!isAllowedEndpoint({ url: protocols.vcapi })) {
      throw new TypeError(`"${path}.protocols.vcapi" must be an https URL (plain http only on loopback).`);
    }
    return { url: protocols.vcapi, via: 'protocols.vcapi' };
  }
  return undefined;
}

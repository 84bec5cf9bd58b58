// navigator.credentials.get({web: …}) arguments → one checked, plain-JSON request. Runs twice:
// in the page (so a malformed call rejects there with a TypeError that says what is wrong) and
// in the background (which trusts nothing the page world sends).
import { jsonCopy, isPlainObject } from './json-copy';
import { MAX_GET_BYTES, MAX_LIST, MAX_QUERIES, MAX_SHORT_STRING } from './limits';
import { EXCHANGE_SERVICE_TYPES, pickExchangeTarget, type ExchangeTarget, type InteractService } from './exchange-target';

export interface ChapiPresentationRequest {
  query?: Record<string, unknown> | Record<string, unknown>[];
  challenge?: string;
  domain?: string;
  interact?: { service?: InteractService[] } & Record<string, unknown>;
  [key: string]: unknown;
}

export interface ChapiGetRequest {
  dataType: 'VerifiablePresentation';
  /** The VerifiablePresentation request as plain JSON (query kept in the form the page gave). */
  presentationRequest: ChapiPresentationRequest;
  /** Every query, as an array. */
  queries: Record<string, unknown>[];
  challenge?: string;
  domain?: string;
  recommendedHandlerOrigins: string[];
  protocols: Record<string, string>;
  /** Set when the wallet is to run an exchange (vcapi, OID4VP, OID4VCI) instead of answering the page itself. */
  exchange?: ExchangeTarget;
  /** interact.service types present that the wallet does not run. */
  otherServices: string[];
}

/** Is this get() call for the wallet (a `web` request) rather than the browser's own API? */
export function isWebGetOptions(options: unknown): boolean {
  return !!options && typeof options === 'object' && (options as { web?: unknown }).web !== undefined;
}

/**
 * Check `web` (the value of options.web). `path` names it in messages ("options.web").
 * Throws TypeError for anything malformed.
 */
export function normalizeGetRequest({ web, path = 'options.web' }: { web: unknown; path?: string }): ChapiGetRequest {
  if (!isPlainObject(web)) throw new TypeError(`"${path}" must be an object like {VerifiablePresentation: {query, challenge, domain}}.`);
  const copy = jsonCopy<Record<string, unknown>>({ value: web, path, maxBytes: MAX_GET_BYTES });
  for (const key of Object.keys(copy)) {
    if (!['VerifiablePresentation', 'recommendedHandlerOrigins', 'protocols'].includes(key)) {
      throw new TypeError(
        `"${path}.${key}" is not supported; a web request carries VerifiablePresentation, recommendedHandlerOrigins and protocols.`,
      );
    }
  }
  const vprPath = `${path}.VerifiablePresentation`;
  const vpr = copy.VerifiablePresentation;
  if (vpr === undefined) throw new TypeError(`"${vprPath}" is required (the presentation request).`);
  if (!isPlainObject(vpr)) throw new TypeError(`"${vprPath}" must be an object (a presentation request).`);

  const recommendedHandlerOrigins = stringList({
    value: copy.recommendedHandlerOrigins, path: `${path}.recommendedHandlerOrigins`,
  });
  const protocols = protocolMap({ value: copy.protocols, path: `${path}.protocols` });

  const queries = queryList({ value: vpr.query, path: `${vprPath}.query` });
  const challenge = shortString({ value: vpr.challenge, path: `${vprPath}.challenge` });
  const domain = shortString({ value: vpr.domain, path: `${vprPath}.domain` });
  const services = interactServices({ value: vpr.interact, path: `${vprPath}.interact` });

  const exchange = pickExchangeTarget({ services, protocols, path });
  if (!exchange) {
    if (queries.length === 0) {
      throw new TypeError(
        `"${vprPath}.query" is required when the request names no exchange (interact.service, protocols.vcapi, OID4VP or OID4VCI).`,
      );
    }
    if (challenge === undefined) {
      throw new TypeError(`"${vprPath}.challenge" is required: the wallet signs the presentation with it.`);
    }
  }
  return {
    dataType: 'VerifiablePresentation',
    presentationRequest: vpr as ChapiPresentationRequest,
    queries,
    ...(challenge !== undefined ? { challenge } : {}),
    ...(domain !== undefined ? { domain } : {}),
    recommendedHandlerOrigins,
    protocols,
    ...(exchange ? { exchange } : {}),
    otherServices: services
      .filter((s) => !(EXCHANGE_SERVICE_TYPES as readonly string[]).includes(s.type) || s.serviceEndpoint === undefined)
      .map((s) => s.type),
  };
}

function shortString({ value, path }: { value: unknown; path: string }): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_SHORT_STRING) {
    throw new TypeError(`"${path}" must be a non-empty string of at most ${MAX_SHORT_STRING} characters.`);
  }
  return value;
}

function stringList({ value, path }: { value: unknown; path: string }): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length > MAX_LIST || !value.every((v) => typeof v === 'string' && v.length <= MAX_SHORT_STRING)) {
    throw new TypeError(`"${path}" must be an array of at most ${MAX_LIST} strings.`);
  }
  return value as string[];
}

function protocolMap({ value, path }: { value: unknown; path: string }): Record<string, string> {
  if (value === undefined) return {};
  if (!isPlainObject(value) || Object.keys(value).length > MAX_LIST) {
    throw new TypeError(`"${path}" must be an object of at most ${MAX_LIST} protocol URLs, like {vcapi: "https://…"}.`);
  }
  for (const [key, url] of Object.entries(value)) {
    if (typeof url !== 'string' || url.length === 0 || url.length > MAX_SHORT_STRING) {
      throw new TypeError(`"${path}.${key}" must be a URL string.`);
    }
  }
  return value as Record<string, string>;
}

function queryList({ value, path }: { value: unknown; path: string }): Record<string, unknown>[] {
  if (value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  if (list.length > MAX_QUERIES) throw new TypeError(`"${path}" has ${list.length} queries; at most ${MAX_QUERIES}.`);
  list.forEach((query, i) => {
    const where = Array.isArray(value) ? `${path}[${i}]` : path;
    if (!isPlainObject(query)) throw new TypeError(`"${where}" must be an object with a "type".`);
    if (typeof query.type !== 'string' || query.type.length === 0) {
      throw new TypeError(`"${where}.type" must be a string such as "QueryByExample" or "DIDAuthentication".`);
    }
  });
  return list as Record<string, unknown>[];
}

function interactServices({ value, path }: { value: unknown; path: string }): InteractService[] {
  if (value === undefined) return [];
  if (!isPlainObject(value)) throw new TypeError(`"${path}" must be an object like {service: [{type, serviceEndpoint}]}.`);
  const services = value.service;
  if (services === undefined) return [];
  if (!Array.isArray(services) || services.length > MAX_LIST) {
    throw new TypeError(`"${path}.service" must be an array of at most ${MAX_LIST} services.`);
  }
  return services.map((service, i) => {
    const where = `${path}.service[${i}]`;
    if (!isPlainObject(service) || typeof service.type !== 'string' || service.type.length === 0) {
      throw new TypeError(`"${where}" must be an object with a string "type".`);
    }
    if (service.serviceEndpoint !== undefined && typeof service.serviceEndpoint !== 'string') {
      throw new TypeError(`"${where}.serviceEndpoint" must be a URL string.`);
    }
    return { type: service.type, ...(service.serviceEndpoint !== undefined ? { serviceEndpoint: service.serviceEndpoint } : {}) };
  });
}

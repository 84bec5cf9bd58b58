// Who is asking: the client identifier and its prefix (OpenID4VP 1.0 §5.9; drafts' client_id_scheme).
import { namedError } from '../errors';

export type VerifierKind = 'origin' | 'did';

export interface ClientIdentifier {
  /** The client_id exactly as sent (the VP's `domain`). */
  clientId: string;
  prefix: 'redirect_uri' | 'decentralized_identifier';
  /** The URI (redirect_uri:) or DID (decentralized_identifier:) after the prefix. */
  value: string;
  /** True when the prefix came from a draft's `client_id_scheme` parameter. */
  legacyScheme: boolean;
}

const REFUSED: Record<string, string> = {
  x509_san_dns: 'an X.509 certificate (x509_san_dns)',
  x509_hash: 'an X.509 certificate (x509_hash)',
  verifier_attestation: 'a verifier attestation',
  openid_federation: 'OpenID Federation',
  origin: 'the Digital Credentials API origin',
  'web-origin': 'the Digital Credentials API origin',
  https: 'OpenID Federation (https: entity id)',
  pre_registered: 'a pre-registration with the wallet',
  entity_id: 'OpenID Federation',
};

/**
 * Reads `client_id` (and a draft's `client_id_scheme`). Only the prefixes the wallet can check
 * are accepted: `redirect_uri:` (unsigned; the verifier is the response URI's origin) and
 * `decentralized_identifier:` (drafts: `did:`) — every other prefix is a NotSupportedError
 * naming it, before anything is fetched or sent.
 */
export function parseClientId({ clientId, clientIdScheme }: { clientId: unknown; clientIdScheme?: unknown }): ClientIdentifier {
  if (typeof clientId !== 'string' || !clientId.trim()) {
    throw namedError({ name: 'DataError', message: 'The authorization request has no "client_id".' });
  }
  if (typeof clientIdScheme === 'string' && clientIdScheme) {
    // some services send both the 1.0 prefix and the draft scheme parameter
    if (clientIdScheme === 'redirect_uri') {
      const value = clientId.startsWith('redirect_uri:') ? clientId.slice('redirect_uri:'.length) : clientId;
      return { clientId, prefix: 'redirect_uri', value, legacyScheme: true };
    }
    if (clientIdScheme === 'decentralized_identifier' && clientId.startsWith('decentralized_identifier:')) {
      return { clientId, prefix: 'decentralized_identifier', value: clientId.slice('decentralized_identifier:'.length), legacyScheme: true };
    }
    if (clientIdScheme === 'did') return { clientId, prefix: 'decentralized_identifier', value: clientId, legacyScheme: true };
    throw namedError({
      name: 'NotSupportedError',
      message: `The verifier identifies itself by ${REFUSED[clientIdScheme] ?? `"${clientIdScheme}"`}, which this wallet cannot check; it accepts redirect_uri and decentralized_identifier verifiers.`,
    });
  }
  const match = /^([a-z][a-z0-9_+.-]*):(.*)$/i.exec(clientId);
  const prefix = match?.[1].toLowerCase();
  if (prefix === 'redirect_uri') return { clientId, prefix: 'redirect_uri', value: match![2], legacyScheme: false };
  if (prefix === 'decentralized_identifier') return { clientId, prefix: 'decentralized_identifier', value: match![2], legacyScheme: false };
  if (prefix === 'did') return { clientId, prefix: 'decentralized_identifier', value: clientId, legacyScheme: true };
  const label = prefix === undefined ? 'pre_registered' : prefix;
  throw namedError({
    name: 'NotSupportedError',
    message: `The verifier identifies itself by ${REFUSED[label] ?? `the client identifier prefix "${label}"`}, which this wallet cannot check; it accepts redirect_uri and decentralized_identifier verifiers.`,
  });
}

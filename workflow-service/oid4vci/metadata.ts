// What an exchange says about itself as an OpenID4VCI issuer, the way @bedrock/vc-delivery does it:
// every exchange is its own credential issuer and authorization server (credential_issuer = the
// exchange URL), offering the credentials its workflow issues, by pre-authorized code.
import { createHmac } from 'node:crypto';
import type { StoredExchange } from '../store';
import type { WorkflowConfig } from '../workflows';

export const PRE_AUTHORIZED_GRANT = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';
export const JWT_ALGS = ['EdDSA', 'ES256'];
export const DI_VP_SUITES = ['eddsa-rdfc-2022', 'Ed25519Signature2020'];

/** Steps asking for more than DID authentication cannot be satisfied by an OID4VCI proof. */
function onlyDidAuth(request: Record<string, unknown>): boolean {
  const queries = [request.query].flat() as Record<string, unknown>[];
  return queries.length > 0 && queries.every((q) => q && q.type === 'DIDAuthentication');
}

/**
 * The workflow's OID4VCI offer, or undefined when it has none: at most the initial step asks for a
 * presentation (DID authentication only: the proof of possession binds the holder), and some step issues.
 */
export function oid4vciOffering({ workflow }: { workflow: WorkflowConfig }):
  { configurations: Record<string, { context: unknown; type: string[] }>; bindingStep?: string } | undefined {
  let bindingStep: string | undefined;
  const configurations: Record<string, { context: unknown; type: string[] }> = {};
  for (const [name, step] of Object.entries(workflow.steps)) {
    if (step.verifiablePresentationRequest) {
      if (name !== workflow.initialStep || !onlyDidAuth(step.verifiablePresentationRequest as Record<string, unknown>)) return undefined;
      bindingStep = name;
    }
    for (const item of step.issue ?? []) {
      const credential = item.credential as Record<string, unknown>;
      const type = [credential.type].flat().filter((t): t is string => typeof t === 'string');
      const id = type.find((t) => t !== 'VerifiableCredential') ?? 'VerifiableCredential';
      configurations[id] = { context: credential['@context'], type };
    }
  }
  if (!Object.keys(configurations).length) return undefined;
  return { configurations, ...(bindingStep ? { bindingStep } : {}) };
}

/** A per-exchange secret derived from the service's secret: no table of codes to keep or leak. */
export function derivedSecret({ secret, purpose, exchangeId }: { secret: string; purpose: 'pre-authorized_code' | 'access_token'; exchangeId: string }) {
  return createHmac('sha256', secret).update(`${purpose}:${exchangeId}`).digest('base64url');
}

export function offerUrlOf({ exchangeUrl }: { exchangeUrl: string }) {
  return `${exchangeUrl}/openid/credential-offer`;
}

/** The `OID4VCI` protocol value an interaction URL lists (bedrock's shape). */
export function offerProtocol({ exchangeUrl }: { exchangeUrl: string }) {
  return `openid-credential-offer://?credential_offer_uri=${encodeURIComponent(offerUrlOf({ exchangeUrl }))}`;
}

/**
 * An exchange speaks OpenID4VCI when its creator asked for it (as a bedrock exchange carries an
 * `openId` section): `variables.oid4vci` = `true`, or `{txCode, txCodeDescription}` for a PIN
 * the brand sends the customer separately.
 */
export function oid4vciVariables({ exchange }: { exchange: StoredExchange }): { txCode?: string; txCodeDescription?: string; proofTypes?: string[] } | undefined {
  const value = exchange.variables.oid4vci;
  if (value === true) return {};
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const v = value as Record<string, unknown>;
  return {
    ...(typeof v.txCode === 'string' && v.txCode ? { txCode: v.txCode } : {}),
    ...(typeof v.txCodeDescription === 'string' && v.txCodeDescription ? { txCodeDescription: v.txCodeDescription } : {}),
    // which proofs to advertise (default both); ["di_vp"] acts like a production service that takes only di_vp
    ...(Array.isArray(v.proofTypes) ? { proofTypes: v.proofTypes.filter((t): t is string => t === 'jwt' || t === 'di_vp') } : {}),
  };
}

export function txCodeOf({ exchange }: { exchange: StoredExchange }): string | undefined {
  return oid4vciVariables({ exchange })?.txCode;
}

export function credentialOffer({ exchange, exchangeUrl, workflow, secret }: {
  exchange: StoredExchange; exchangeUrl: string; workflow: WorkflowConfig; secret: string;
}) {
  const offering = oid4vciOffering({ workflow })!;
  const txCode = txCodeOf({ exchange });
  const description = oid4vciVariables({ exchange })?.txCodeDescription;
  return {
    credential_issuer: exchangeUrl,
    credential_configuration_ids: Object.keys(offering.configurations),
    grants: {
      [PRE_AUTHORIZED_GRANT]: {
        'pre-authorized_code': derivedSecret({ secret, purpose: 'pre-authorized_code', exchangeId: exchange.id }),
        ...(txCode ? {
          tx_code: {
            input_mode: /^\d+$/.test(txCode) ? 'numeric' : 'text',
            length: txCode.length,
            ...(description ? { description } : {}),
          },
        } : {}),
      },
    },
  };
}

export function issuerMetadata({ exchangeUrl, workflow, name, proofTypes = ['jwt', 'di_vp'] }: {
  exchangeUrl: string; workflow: WorkflowConfig; name?: string; proofTypes?: string[];
}) {
  const offering = oid4vciOffering({ workflow })!;
  const openid = `${exchangeUrl}/openid`;
  return {
    credential_issuer: exchangeUrl,
    authorization_servers: [exchangeUrl],
    credential_endpoint: `${openid}/credential`,
    nonce_endpoint: `${openid}/nonce`,
    ...(name ? { display: [{ name, locale: 'en' }] } : {}),
    credential_configurations_supported: Object.fromEntries(Object.entries(offering.configurations).map(([id, c]) => [id, {
      format: 'ldp_vc',
      credential_definition: { '@context': c.context, type: c.type },
      cryptographic_binding_methods_supported: ['did:key'],
      credential_signing_alg_values_supported: ['eddsa-rdfc-2022'],
      proof_types_supported: {
        ...(proofTypes.includes('jwt') ? { jwt: { proof_signing_alg_values_supported: JWT_ALGS } } : {}),
        ...(proofTypes.includes('di_vp') ? { di_vp: { proof_signing_cryptosuites_supported: DI_VP_SUITES } } : {}),
      },
      credential_metadata: { display: [{ name: id, locale: 'en' }] },
    }])),
  };
}

export function authorizationServerMetadata({ exchangeUrl }: { exchangeUrl: string }) {
  return {
    issuer: exchangeUrl,
    token_endpoint: `${exchangeUrl}/openid/token`,
    grant_types_supported: [PRE_AUTHORIZED_GRANT],
    'pre-authorized_grant_anonymous_access_supported': true,
  };
}

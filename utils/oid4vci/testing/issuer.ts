// A small OpenID4VCI issuer with its own OAuth authorization server, on 127.0.0.1, for tests of
// what the local workflow service does not serve: the authorization-code grant (PKCE S256, state,
// issuer_state, single-use codes) and credential formats the wallet must refuse. Real HTTP; the
// proof JWT is verified with utils/crypto and the credential signed with a throwaway issuer key.
// It stops by itself when the test calls close().
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateDidKey, issueCredential, verifyPresentation, type WalletKey } from '../../crypto';
import { verifyDidKeyJwt } from '../../crypto/jwt';

export interface TestIssuer {
  url: string;
  /** openid-credential-offer:// by value, offering `configurationId` with the grants given. */
  offerLink(options?: { configurationId?: string; issuerState?: string; preAuthorizedCode?: string }): string;
  /** Every request, in order: method, path, form/JSON body. */
  seen: { method: string; path: string; body?: Record<string, unknown> }[];
  issued: number;
  close(): Promise<void>;
}

const b64url = (bytes: Buffer) => bytes.toString('base64url');

async function body(req: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return undefined;
  if ((req.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(text));
  try { return JSON.parse(text); } catch { return { text }; }
}

/**
 * `configurations`: id → format (ldp_vc is issued; anything else is only advertised).
 * `issuerState`: the value the authorization endpoint insists on (as an issuer that sent it in the offer would).
 */
export async function startTestIssuer({ configurations = { ProductCredential: 'ldp_vc' }, issuerState = 'state-from-offer', jwtAlgs = ['EdDSA', 'ES256'], diVpSuites, preAuthorizedCode = 'pre-authorized-1' }: {
  configurations?: Record<string, string>; issuerState?: string;
  /** proof_signing_alg_values_supported of the jwt proof (e.g. ['ES256'] for an issuer that takes only P-256). */
  jwtAlgs?: string[];
  /** Given: the issuer takes only di_vp proofs (a VP for authentication), signed with one of these suites. */
  diVpSuites?: string[];
  /** The pre-authorized code the token endpoint takes (once), beside authorization codes. */
  preAuthorizedCode?: string;
} = {}): Promise<TestIssuer> {
  const issuerKey: WalletKey = await generateDidKey({ extractable: true });
  const codes = new Map<string, { challenge: string; redirectUri: string; clientId: string }>();
  const tokens = new Set<string>();
  let nonce: string | undefined;
  let preAuthUnused = true;
  const self = { seen: [], issued: 0 } as unknown as TestIssuer;

  const json = (res: ServerResponse, status: number, value: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(value));
  };
  const oauth = (res: ServerResponse, status: number, error: string, description: string) => json(res, status, { error, error_description: description });

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', self.url);
    const parsed = req.method === 'POST' ? await body(req) : undefined;
    self.seen.push({ method: req.method!, path: url.pathname + url.search, ...(parsed ? { body: parsed } : {}) });
    const route = `${req.method} ${url.pathname}`;
    switch (route) {
      case 'GET /.well-known/openid-credential-issuer':
        return json(res, 200, {
          credential_issuer: self.url,
          authorization_servers: [self.url],
          credential_endpoint: `${self.url}/credential`,
          nonce_endpoint: `${self.url}/nonce`,
          display: [{ name: 'Test issuer with sign-in' }],
          credential_configurations_supported: Object.fromEntries(Object.entries(configurations).map(([id, format]) => [id, {
            format,
            ...(format === 'ldp_vc' ? { credential_definition: { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiableCredential'] } } : {}),
            ...(format === 'mso_mdoc' ? { doctype: 'org.iso.18013.5.1.mDL' } : {}),
            ...(format === 'dc+sd-jwt' ? { vct: 'https://credentials.example/identity' } : {}),
            cryptographic_binding_methods_supported: ['did:key'],
            proof_types_supported: diVpSuites
              ? { di_vp: { proof_signing_cryptosuites_supported: diVpSuites } }
              : { jwt: { proof_signing_alg_values_supported: jwtAlgs } },
          }])),
        });
      case 'GET /.well-known/oauth-authorization-server':
        return json(res, 200, {
          issuer: self.url,
          authorization_endpoint: `${self.url}/authorize`,
          token_endpoint: `${self.url}/token`,
          response_types_supported: ['code'],
          code_challenge_methods_supported: ['S256'],
          grant_types_supported: ['authorization_code', 'urn:ietf:params:oauth:grant-type:pre-authorized_code'],
        });
      case 'GET /authorize': {
        // the user signs in here; this test server approves at once and redirects back
        const p = url.searchParams;
        const redirectUri = p.get('redirect_uri');
        if (!redirectUri) return oauth(res, 400, 'invalid_request', 'redirect_uri is required.');
        const back = new URL(redirectUri);
        if (p.get('state')) back.searchParams.set('state', p.get('state')!);
        if (p.get('response_type') !== 'code' || p.get('code_challenge_method') !== 'S256' || !p.get('code_challenge') || !p.get('client_id')) {
          back.searchParams.set('error', 'invalid_request');
          back.searchParams.set('error_description', 'response_type=code with a PKCE S256 challenge and a client_id is required.');
        } else if (p.get('issuer_state') !== issuerState) {
          back.searchParams.set('error', 'access_denied');
          back.searchParams.set('error_description', 'The sign-in does not belong to this offer.');
        } else {
          const code = b64url(randomBytes(16));
          codes.set(code, { challenge: p.get('code_challenge')!, redirectUri, clientId: p.get('client_id')! });
          back.searchParams.set('code', code);
        }
        res.writeHead(302, { location: back.href }).end();
        return;
      }
      case 'POST /token': {
        const form = (parsed ?? {}) as Record<string, string>;
        if (form.grant_type === 'urn:ietf:params:oauth:grant-type:pre-authorized_code') {
          if (!preAuthUnused || form['pre-authorized_code'] !== preAuthorizedCode) return oauth(res, 400, 'invalid_grant', 'Unknown or used pre-authorized code.');
          preAuthUnused = false;
          const token = b64url(randomBytes(24));
          tokens.add(token);
          return json(res, 200, { access_token: token, token_type: 'Bearer', expires_in: 300 });
        }
        if (form.grant_type !== 'authorization_code') return oauth(res, 400, 'unsupported_grant_type', 'Only authorization_code and the pre-authorized code.');
        const grant = codes.get(form.code);
        codes.delete(form.code); // single use, right or wrong
        if (!grant) return oauth(res, 400, 'invalid_grant', 'Unknown or used authorization code.');
        const challenge = b64url(createHash('sha256').update(form.code_verifier ?? '').digest());
        if (challenge !== grant.challenge) return oauth(res, 400, 'invalid_grant', 'The PKCE code_verifier does not match the code_challenge.');
        if (form.redirect_uri !== grant.redirectUri || form.client_id !== grant.clientId) return oauth(res, 400, 'invalid_grant', 'redirect_uri or client_id differs from the authorization request.');
        const token = b64url(randomBytes(24));
        tokens.add(token);
        return json(res, 200, { access_token: token, token_type: 'bearer', expires_in: 300 });
      }
      case 'POST /nonce':
        nonce = b64url(randomBytes(12));
        return json(res, 200, { c_nonce: nonce });
      case 'POST /credential': {
        const token = /^Bearer (\S+)$/i.exec(String(req.headers.authorization ?? ''))?.[1];
        if (!token || !tokens.has(token)) return oauth(res, 401, 'invalid_token', 'A valid access token is required.');
        const request = (parsed ?? {}) as { credential_configuration_id?: string; proofs?: { jwt?: string[]; di_vp?: Record<string, unknown>[] } };
        if (configurations[request.credential_configuration_id ?? ''] !== 'ldp_vc') return oauth(res, 400, 'unknown_credential_configuration', 'Not offered here.');
        const jwt = request.proofs?.jwt?.[0];
        let did: string;
        if (diVpSuites) {
          const vp = request.proofs?.di_vp?.[0];
          const proof = [vp?.proof].flat()[0] as Record<string, unknown> | undefined;
          if (!vp || !proof || !diVpSuites.includes(String(proof.cryptosuite ?? proof.type))) return oauth(res, 400, 'invalid_proof', `A di_vp proof signed with ${diVpSuites.join(' or ')} is required.`);
          if (!nonce || proof.challenge !== nonce) return oauth(res, 400, 'invalid_nonce', 'Use a fresh c_nonce.');
          const checked = await verifyPresentation({ presentation: vp, challenge: nonce, domain: self.url } as never);
          if (!checked.verified) return oauth(res, 400, 'invalid_proof', 'The di_vp proof does not verify.');
          did = String(vp.holder);
        } else {
          try {
            const proof = await verifyDidKeyJwt({ jwt: jwt ?? '' });
            if (!jwtAlgs.includes(String(proof.header.alg))) throw new Error('alg not accepted');
            if (proof.header.typ !== 'openid4vci-proof+jwt' || proof.payload.aud !== self.url) throw new Error('typ or aud');
            if (!nonce || proof.payload.nonce !== nonce) return oauth(res, 400, 'invalid_nonce', 'Use a fresh c_nonce.');
            did = proof.did;
          } catch {
            return oauth(res, 400, 'invalid_proof', 'The proof JWT does not verify.');
          }
        }
        nonce = undefined;
        tokens.delete(token);
        const credential = await issueCredential({
          key: issuerKey,
          credential: {
            '@context': ['https://www.w3.org/ns/credentials/v2'],
            type: ['VerifiableCredential'],
            issuer: issuerKey.did,
            validFrom: new Date().toISOString(),
            credentialSubject: { id: did, name: 'Signed in before issuance' },
          },
        });
        self.issued++;
        return json(res, 200, { credentials: [{ credential }] });
      }
      default:
        return json(res, 404, { error: 'not_found' });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  self.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  self.offerLink = ({ configurationId = Object.keys(configurations)[0], issuerState: state = issuerState, preAuthorizedCode } = {}) => {
    const offer = {
      credential_issuer: self.url,
      credential_configuration_ids: [configurationId],
      grants: preAuthorizedCode
        ? { 'urn:ietf:params:oauth:grant-type:pre-authorized_code': { 'pre-authorized_code': preAuthorizedCode } }
        : { authorization_code: { issuer_state: state } },
    };
    return `openid-credential-offer://?credential_offer=${encodeURIComponent(JSON.stringify(offer))}`;
  };
  self.close = () => new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
  return self;
}

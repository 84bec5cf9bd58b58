// The authorization-code grant (PKCE S256) against a local issuer with its own authorization
// server (testing/issuer.ts, real HTTP on 127.0.0.1). The `authorize` callback stands in for
// browser.identity.launchWebAuthFlow: it opens the authorization URL (here: one GET, redirects not
// followed) and returns the URL the server redirected to.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDidKey, verifyCredential, type WalletKey } from '../crypto';
import { holderFromKeys } from '../wallet/holder';
import type { TranscriptMessage } from '../vcalm';
import { createOid4vciExchange, nextOid4vci, REDACTED, type Authorize, type HolderFor } from './index';
import { startTestIssuer, type TestIssuer } from './testing/issuer';

const REDIRECT = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/oid4vci';
let issuer: TestIssuer;
let key: WalletKey;
let holder: HolderFor;
beforeAll(async () => {
  issuer = await startTestIssuer();
  key = await generateDidKey();
  holder = holderFromKeys({ keys: async () => [key] });
});
afterAll(async () => { await issuer.close(); });

/** What launchWebAuthFlow does, minus the window: follow the authorization URL to the redirect. */
const browserSignIn: Authorize = async ({ url, redirectUri }) => {
  const res = await fetch(url, { redirect: 'manual' });
  const location = res.headers.get('location');
  if (!location?.startsWith(redirectUri)) throw new Error(`no redirect to ${redirectUri}: ${res.status}`);
  return location;
};

describe('OID4VCI authorization-code flow', () => {
  it('signs in with PKCE S256 and the offer\'s issuer_state, trades the code, proves possession, receives the credential', async () => {
    const asked: string[] = [];
    const authorize: Authorize = async (options) => { asked.push(options.url); return browserSignIn(options); };
    const seen: TranscriptMessage[] = [];
    const before = issuer.seen.length;
    const step = await nextOid4vci({
      state: createOid4vciExchange({ offerUrl: issuer.offerLink() }), holder, authorize, redirectUri: REDIRECT, onMessage: (m) => { seen.push(m); },
    });
    expect(step.event.type).toBe('credentials');
    expect(step.state.grant).toBe('authorization_code');
    const authorization = new URL(asked[0]);
    expect(authorization.origin + authorization.pathname).toBe(`${issuer.url}/authorize`);
    expect(Object.fromEntries(authorization.searchParams)).toMatchObject({
      response_type: 'code', client_id: expect.any(String), redirect_uri: REDIRECT, code_challenge_method: 'S256',
      code_challenge: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), state: expect.any(String), issuer_state: 'state-from-offer',
    });
    expect(JSON.parse(authorization.searchParams.get('authorization_details')!)).toEqual([{ type: 'openid_credential', credential_configuration_id: 'ProductCredential' }]);
    // the token request carried the verifier the server checked; the transcript shows neither it nor the code
    const token = issuer.seen.slice(before).find((s) => s.path === '/token')!;
    expect(token.body).toMatchObject({ grant_type: 'authorization_code', code: expect.any(String), code_verifier: expect.any(String), redirect_uri: REDIRECT });
    const tokenMessage = seen.find((m) => m.kind === 'token')!;
    expect(tokenMessage.requestBody).toMatchObject({ code: REDACTED, code_verifier: REDACTED });
    expect(JSON.stringify(seen)).not.toContain(String(token.body!.code_verifier));
    expect(seen.map((m) => m.kind)).toEqual(['metadata', 'metadata', 'token', 'nonce', 'credential']);
    const [vp] = (step.event as { presentations: Record<string, unknown>[] }).presentations;
    const [credential] = vp.verifiableCredential as Record<string, unknown>[];
    expect((credential.credentialSubject as Record<string, unknown>).id).toBe(key.did);
    expect((await verifyCredential({ credential })).verified).toBe(true);
    expect(step.state.pkce).toBeUndefined();
    expect(JSON.stringify(step.state)).not.toContain(String(token.body!.code_verifier));
  });

  it('a sign-in the server refuses (another issuer_state) ends NotAllowedError; no token asked, nothing issued', async () => {
    const issued = issuer.issued;
    const before = issuer.seen.length;
    const step = await nextOid4vci({ state: createOid4vciExchange({ offerUrl: issuer.offerLink({ issuerState: 'someone-else' }) }), holder, authorize: browserSignIn, redirectUri: REDIRECT });
    expect(step.event).toMatchObject({ type: 'failed', error: { name: 'NotAllowedError', message: expect.stringContaining('access_denied') } });
    expect(issuer.seen.slice(before).some((s) => s.method === 'POST')).toBe(false);
    expect(issuer.issued).toBe(issued);
  });

  it('a redirect carrying another state (a forged or replayed sign-in) is refused before the code is used', async () => {
    const forged: Authorize = async (options) => {
      const back = new URL(await browserSignIn(options));
      back.searchParams.set('state', 'forged');
      return back.href;
    };
    const before = issuer.seen.length;
    const step = await nextOid4vci({ state: createOid4vciExchange({ offerUrl: issuer.offerLink() }), holder, authorize: forged, redirectUri: REDIRECT });
    expect(step.event).toMatchObject({ type: 'failed', error: { name: 'NotAllowedError', message: expect.stringMatching(/state/) } });
    expect(issuer.seen.slice(before).some((s) => s.path === '/token')).toBe(false);
  });

  it('a sign-in window that ends elsewhere than the wallet\'s redirect URI is refused', async () => {
    const elsewhere: Authorize = async () => 'https://attacker.example/cb?code=x&state=y';
    const step = await nextOid4vci({ state: createOid4vciExchange({ offerUrl: issuer.offerLink() }), holder, authorize: elsewhere, redirectUri: REDIRECT });
    expect(step.event).toMatchObject({ type: 'failed', error: { name: 'NotAllowedError' } });
  });

  it('without a sign-in window (the CLI) an authorization-code-only offer is NotSupportedError; nothing is posted', async () => {
    const before = issuer.seen.length;
    const step = await nextOid4vci({ state: createOid4vciExchange({ offerUrl: issuer.offerLink() }), holder });
    expect(step.event).toMatchObject({ type: 'failed', error: { name: 'NotSupportedError', message: expect.stringMatching(/sign in/) } });
    expect(issuer.seen.slice(before).some((s) => s.method === 'POST')).toBe(false);
  });
});

describe('OID4VCI formats the wallet cannot keep', () => {
  for (const format of ['jwt_vc_json', 'dc+sd-jwt', 'mso_mdoc', 'vc+sd-jwt']) {
    it(`"${format}" is a NotSupportedError naming the format; no code, token or proof is sent`, async () => {
      const other = await startTestIssuer({ configurations: { Offered: format } });
      try {
        const seen: TranscriptMessage[] = [];
        const step = await nextOid4vci({
          state: createOid4vciExchange({ offerUrl: other.offerLink({ preAuthorizedCode: 'code-1' }) }), holder, onMessage: (m) => { seen.push(m); },
        });
        expect(step.event).toMatchObject({ type: 'failed', error: { name: 'NotSupportedError', message: expect.stringContaining(`"${format}"`) } });
        expect(other.seen.every((s) => s.method === 'GET')).toBe(true);
        expect(seen.map((m) => m.kind)).toEqual(['metadata']);
        expect(other.issued).toBe(0);
      } finally {
        await other.close();
      }
    });
  }
});

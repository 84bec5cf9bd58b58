// The demo verifier against a real provenance credential: the local workflow service issues it
// to a scripted holder, the holder presents it for the verifier's challenge.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createPresentation, generateDidKey, signPresentation, type WalletKey } from '../../utils/crypto';
import { startWorkflowService, type WorkflowService } from '../../workflow-service';
import { createExchange, request, runProvenanceExchange } from '../../workflow-service/testing/holder';
import { startVerifier, type Verifier } from './verifier-server';

let service: WorkflowService;
let verifier: Verifier;
let untrusting: Verifier;
let holder: WalletKey;
let provenance: Record<string, unknown>;

beforeAll(async () => {
  service = await startWorkflowService({});
  [verifier, untrusting] = await Promise.all([
    startVerifier({ trustedIssuers: [service.issuer] }),
    startVerifier({ trustedIssuers: ['did:key:z6MkSomeoneElse'] }),
  ]);
  holder = await generateDidKey({ extractable: true });
  const exchangeUrl = await createExchange({ workflowUrl: service.workflowUrl('provenance-issuance'), token: service.token });
  const { final } = await runProvenanceExchange({ exchangeUrl, key: holder });
  const vp = final.body.verifiablePresentation;
  provenance = (Array.isArray(vp.verifiableCredential) ? vp.verifiableCredential[0] : vp.verifiableCredential) as Record<string, unknown>;
});
afterAll(async () => {
  await Promise.all([verifier?.close(), untrusting?.close()]);
  await service?.close();
});

async function challengeFrom(v: Verifier) {
  const reply = await request({ url: `${v.origin}/api/challenges`, method: 'POST' });
  expect(reply.status).toBe(200);
  return reply.body as { challenge: string; domain: string };
}

async function present({ key = holder, credential = provenance, challenge, domain }: {
  key?: WalletKey; credential?: unknown; challenge: string; domain: string;
}) {
  const presentation = createPresentation({ holder: key.did, verifiableCredential: [credential] });
  return signPresentation({ presentation, key, challenge, domain });
}

const verify = (v: Verifier, body: unknown) => request({ url: `${v.origin}/api/verify`, method: 'POST', body });

describe('the demo verifier', () => {
  test('serves its page, which asks for the credential with navigator.credentials.get', async () => {
    const page = await request({ url: verifier.url, headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('navigator.credentials.get');
    expect(page.body).toContain('ProductAuthenticityCredential');
  });

  test('the holder\'s provenance credential, presented for this page\'s challenge and domain, verifies', async () => {
    const { challenge, domain } = await challengeFrom(verifier);
    expect(domain).toBe(verifier.origin);
    const reply = await verify(verifier, { challenge, presentation: await present({ challenge, domain }) });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      verified: true,
      checks: { presentation: true, credential: true, holderBinding: true, issuerTrusted: true },
      holder: holder.did,
      issuer: service.issuer,
      product: { sku: 'HB-2026-0042' },
      errors: [],
    });
  });

  test('a challenge answers once', async () => {
    const { challenge, domain } = await challengeFrom(verifier);
    const presentation = await present({ challenge, domain });
    expect((await verify(verifier, { challenge, presentation })).body.verified).toBe(true);
    const replay = await verify(verifier, { challenge, presentation });
    expect(replay.status).toBe(400);
    expect(replay.body.name).toBe('NotAllowedError');
  });

  test('a presentation made for another site fails on its domain', async () => {
    const { challenge } = await challengeFrom(verifier);
    const reply = await verify(verifier, { challenge, presentation: await present({ challenge, domain: 'https://elsewhere.example' }) });
    expect(reply.body.verified).toBe(false);
    expect(reply.body.checks.presentation).toBe(false);
    expect(JSON.stringify(reply.body.errors)).toContain('domain');
  });

  test('someone else presenting the holder\'s credential fails the holder binding', async () => {
    const thief = await generateDidKey({ extractable: true });
    const { challenge, domain } = await challengeFrom(verifier);
    const reply = await verify(verifier, { challenge, presentation: await present({ key: thief, challenge, domain }) });
    expect(reply.body).toMatchObject({ verified: false, checks: { presentation: true, credential: true, holderBinding: false } });
  });

  test('a tampered credential and an untrusted issuer are named', async () => {
    const { challenge, domain } = await challengeFrom(verifier);
    const tampered = { ...provenance, credentialSubject: { ...(provenance.credentialSubject as object), owns: { id: 'did:example:other', type: 'Product', sku: 'FAKE-1' } } };
    const bad = await verify(verifier, { challenge, presentation: await present({ credential: tampered, challenge, domain }) });
    expect(bad.body).toMatchObject({ verified: false, checks: { credential: false } });

    const other = await challengeFrom(untrusting);
    const untrusted = await verify(untrusting, { challenge: other.challenge, presentation: await present(other) });
    expect(untrusted.body).toMatchObject({ verified: false, checks: { issuerTrusted: false } });
    expect(JSON.stringify(untrusted.body.errors)).toContain('not one this verifier trusts');
  });

  test('a presentation without the provenance credential says so', async () => {
    const { challenge, domain } = await challengeFrom(verifier);
    const didAuthOnly = await signPresentation({ presentation: createPresentation({ holder: holder.did }), key: holder, challenge, domain });
    const reply = await verify(verifier, { challenge, presentation: didAuthOnly });
    expect(reply.body).toMatchObject({ verified: false, checks: { presentation: true, credential: false } });
    expect(reply.body.errors).toContainEqual({ name: 'NotFoundError', message: 'The presentation holds no ProductAuthenticityCredential.' });
  });

  test('garbage is refused with a named error', async () => {
    expect((await verify(verifier, 'not json')).status).toBe(400);
    const { challenge } = await challengeFrom(verifier);
    const reply = await verify(verifier, { challenge, presentation: 'nope' });
    expect(reply.body).toMatchObject({ verified: false, errors: [{ name: 'DataError' }] });
  });
});

describe('the challenge is bound to the configured origin, not the Host header', () => {
  /** POST /api/challenges with a Host header of the client's choosing (node:http lets us set it). */
  async function challengeWithHost(v: Verifier, hostHeader: string) {
    const { request: httpRequest } = await import('node:http');
    const url = new URL('/api/challenges', v.url);
    return new Promise<{ domain: string }>((resolve, reject) => {
      const req = httpRequest({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { host: hostHeader } }, (res) => {
        let text = '';
        res.on('data', (chunk) => { text += chunk; });
        res.on('end', () => resolve(JSON.parse(text)));
      });
      req.on('error', reject);
      req.end();
    });
  }

  test('a forged Host header does not change the domain', async () => {
    expect((await challengeWithHost(verifier, 'bank.example')).domain).toBe(verifier.origin);
  });

  test('publicOrigin is what challenges are bound to', async () => {
    const proxied = await startVerifier({ publicOrigin: 'https://verifier.example' });
    try {
      expect(proxied.origin).toBe('https://verifier.example');
      expect((await challengeWithHost(proxied, 'bank.example')).domain).toBe('https://verifier.example');
    } finally {
      await proxied.close();
    }
    await expect(startVerifier({ publicOrigin: 'https://verifier.example/path' })).rejects.toThrow(TypeError);
  });
});

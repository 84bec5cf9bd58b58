// `npm run exchange` with every entry form, against the real local workflow service (in-process
// `main`, the same function `npm run exchange` runs): interaction URL (vcapi, or --protocol oid4vci /
// oid4vp), openid-credential-offer:// and https links with credential_offer(_uri), openid4vp:// and
// https links with request_uri, LCW deep links (vc_request_url= and request=), dccrequest://, a bare
// exchange URL, a pasted presentation request with interact.service. Each prints its transcript.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkflowService, type WorkflowService } from '../../../workflow-service';
import { createExchange, request } from '../../../workflow-service/testing/holder';
import { runCli } from '../test-support/run-cli';

let service: WorkflowService;
let dir: string;
beforeAll(async () => {
  service = await startWorkflowService({ host: '127.0.0.1', port: 0 });
  dir = await mkdtemp(join(tmpdir(), 'vcalm-cli-forms-'));
});
afterAll(async () => {
  await service.close();
  await rm(dir, { recursive: true, force: true });
});


const issuance = (variables?: Record<string, unknown>) => createExchange({
  workflowUrl: service.workflowUrl('provenance-issuance'), token: service.token,
  ...(variables ? { variables: { subject: 'did:example:bag-cli', sku: 'HB-CLI', ...variables } } : {}),
});
const verification = () => createExchange({ workflowUrl: service.workflowUrl('provenance-verification'), token: service.token });
const protocolsOf = async (exchangeUrl: string) => (await request({ url: `${exchangeUrl}/protocols` })).body.protocols as Record<string, string>;
const remote = async (exchangeUrl: string) => (await request({ url: exchangeUrl, token: service.token })).body.exchange;

/** A vcapi run from `text` completes: POST {} first (no discovery), the transcript printed, the credential verified. */
async function expectVcapiFrom(text: (exchangeUrl: string) => string) {
  const exchangeUrl = await issuance();
  const r = await runCli([text(exchangeUrl)]);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  expect(r.out).toContain(`running vcapi from the exchange URL ${exchangeUrl}`);
  expect(r.out).not.toMatch(/ protocols GET /);
  expect(r.out).toMatch(/#0 exchange\s+POST .* → 200/);
  expect(r.out).toMatch(/received VerifiableCredential, ProductAuthenticityCredential .* — verified/);
  expect((await remote(exchangeUrl)).state).toBe('complete');
}

describe('npm run exchange: VC-API entry forms', () => {
  it('a bare VC-API exchange URL', async () => {
    await expectVcapiFrom((u) => u);
  });

  it('an LCW deep link with vc_request_url', async () => {
    await expectVcapiFrom((u) => `https://lcw.app/request.html?issuer=issuer.example&auth_type=bearer&challenge=c&vc_request_url=${encodeURIComponent(u)}`);
  });

  it('a dccrequest:// link', async () => {
    await expectVcapiFrom((u) => `dccrequest://request?issuer=issuer.example&auth_type=bearer&challenge=c&vc_request_url=${encodeURIComponent(u)}`);
  });

  it('an LCW deep link with a protocols object (request=)', async () => {
    await expectVcapiFrom((u) => `https://lcw.app/request?request=${encodeURIComponent(JSON.stringify({ protocols: { vcapi: u } }))}`);
  });

  it('a pasted presentation request JSON with interact.service', async () => {
    await expectVcapiFrom((u) => JSON.stringify({
      query: [{ type: 'DIDAuthentication', acceptedMethods: [{ method: 'key' }] }],
      interact: { service: [{ type: 'VerifiableCredentialApiExchangeService', serviceEndpoint: u }] },
      challenge: 'c', domain: new URL(u).origin,
    }));
  });
});

describe('npm run exchange: OpenID entry forms', () => {
  it('an interaction URL offering vcapi and OID4VCI: vcapi by default, --protocol oid4vci runs the offer', async () => {
    const exchangeUrl = await issuance({ oid4vci: true });
    expect(Object.keys(await protocolsOf(exchangeUrl))).toEqual(['vcapi', 'OID4VCI']);
    const r = await runCli([`${exchangeUrl}?iuv=1`, '--protocol', 'oid4vci']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/running OID4VCI offer openid-credential-offer:\/\/\?credential_offer_uri=.* \(offered: vcapi, OID4VCI\)/);
    for (const kind of ['offer', 'metadata', 'token', 'nonce', 'credential']) expect(r.out).toMatch(new RegExp(`#\\d+ ${kind}`));
    expect(r.out).toMatch(/complete \(OID4VCI\)/);
    expect((await remote(exchangeUrl)).state).toBe('complete');

    const other = await issuance({ oid4vci: true });
    const plain = await runCli([`${other}?iuv=1`, '--json']);
    expect(plain.code).toBe(0);
    expect(JSON.parse(plain.out)).toMatchObject({ protocol: 'vcapi', event: { type: 'complete' } });
  });

  it('an https link carrying credential_offer_uri, and one carrying the offer by value', async () => {
    const byRef = await issuance({ oid4vci: true });
    const offerUri = `${byRef}/openid/credential-offer`;
    const r = await runCli([`https://wallet.example/offer?credential_offer_uri=${encodeURIComponent(offerUri)}`, '--verbose']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/proof JWT: \{"alg":"EdDSA"/);
    expect(r.out).toMatch(/received .*ProductAuthenticityCredential .* — verified/);

    const byVal = await issuance({ oid4vci: true });
    const offer = (await request({ url: `${byVal}/openid/credential-offer` })).body;
    const v = await runCli([`https://wallet.example/offer?credential_offer=${encodeURIComponent(JSON.stringify(offer))}`, '--json']);
    expect(v.code).toBe(0);
    const doc = JSON.parse(v.out);
    expect(doc.protocol).toBe('oid4vci');
    expect(doc.transcript.map((m: { kind: string }) => m.kind)).not.toContain('offer'); // by value: nothing fetched
    expect(JSON.stringify(doc.transcript)).not.toContain(offer.grants['urn:ietf:params:oauth:grant-type:pre-authorized_code']['pre-authorized_code']);
  });

  it('openid4vp://, an https request_uri link, and --protocol oid4vp: answered with --credential, recorded by the verifier', async () => {
    // a credential to present: issued over vcapi, saved from --json
    const keyFile = join(dir, 'holder.json');
    const issued = await runCli([`${await issuance()}?iuv=1`, '--json', '--save-key', keyFile]);
    expect(issued.code).toBe(0);
    const credentialFile = join(dir, 'credential.json');
    await writeFile(credentialFile, JSON.stringify(JSON.parse(issued.out).received[0].credential));
    const holder = JSON.parse(issued.out).holder;

    const first = await verification();
    const link = (await protocolsOf(first)).OID4VP;
    expect(link).toMatch(/^openid4vp:\/\//);
    const r = await runCli([link, '--key', keyFile, '--credential', credentialFile, '--verbose']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/running OID4VP request openid4vp:/);
    expect(r.out).toMatch(/#\d+ oid4vp-request POST .* → 200/);
    expect(r.out).toMatch(/request object: .*"dcql_query"/);
    expect(r.out).toMatch(/request from http:\/\/127\.0\.0\.1:\d+ \(known only by its web address\)/);
    expect(r.out).toMatch(/#\d+ oid4vp-response POST .* → 200/);
    expect(r.out).toMatch(/complete \(OID4VP\): presented 1 credential/);
    expect((await remote(first)).variables.results.presentProvenance.did).toBe(holder);

    const second = await verification();
    const https = `https://wallet.example/authorize${(await protocolsOf(second)).OID4VP.slice('openid4vp://'.length)}`;
    const h = await runCli([https, '--key', keyFile, '--credential', credentialFile]);
    expect(h.code).toBe(0);
    expect((await remote(second)).state).toBe('complete');

    const third = await verification();
    const p = await runCli([`${third}?iuv=1`, '--protocol', 'OID4VP', '--key', keyFile, '--credential', credentialFile, '--json']);
    expect(p.code).toBe(0);
    expect(JSON.parse(p.out)).toMatchObject({ protocol: 'oid4vp', event: { type: 'complete' } });
    expect((await remote(third)).state).toBe('complete');
  });

  it('an OID4VP request nothing given matches is declined (exit 3): nothing is sent', async () => {
    const exchangeUrl = await verification();
    const r = await runCli([(await protocolsOf(exchangeUrl)).OID4VP, '--json']);
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/declined: NotFoundError: None of the 0 credential\(s\)/);
    const doc = JSON.parse(r.out);
    expect(doc.transcript.map((m: { kind: string }) => m.kind)).toEqual(['oid4vp-request']);
    const after = await remote(exchangeUrl);
    expect(after.state).not.toBe('complete');
    expect(after.variables.results?.presentProvenance).toBeUndefined();
  });

  it('--protocol names a protocol the interaction URL does not offer, or none at all: exit 2 by name', async () => {
    const exchangeUrl = await issuance();
    const missing = await runCli([`${exchangeUrl}?iuv=1`, '--protocol', 'oid4vci']);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/NotSupportedError: .* does not offer oid4vci/);
    const unknown = await runCli([`${exchangeUrl}?iuv=1`, '--protocol', 'didcomm']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/NotSupportedError: Unknown protocol "didcomm"/);
    expect((await remote(exchangeUrl)).state).toBe('pending');
  });
});

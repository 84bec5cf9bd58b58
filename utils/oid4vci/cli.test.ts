// `npm run exchange` with an OpenID4VCI offer link, against the real local workflow service.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startWorkflowService, type WorkflowService } from '../../workflow-service';
import { createExchange, request } from '../../workflow-service/testing/holder';
import { main } from '../vcalm/cli/exchange';

let service: WorkflowService;
beforeAll(async () => { service = await startWorkflowService({ host: '127.0.0.1', port: 0 }); });
afterAll(async () => { await service.close(); });

function sink() {
  let text = '';
  const stream = new Writable({ write(chunk, _enc, done) { text += chunk; done(); } });
  return { stream, text: () => text };
}

async function offer(oid4vci: unknown) {
  const exchangeUrl = await createExchange({
    workflowUrl: service.workflowUrl('provenance-issuance'), token: service.token,
    variables: { subject: 'did:example:bag-1', sku: 'HB-1', oid4vci },
  });
  return (await request({ url: `${exchangeUrl}/protocols` })).body.protocols.OID4VCI as string;
}

it('runs an offer with its PIN and prints the transcript, the decoded proof and what was issued', async () => {
  const out = sink();
  const err = sink();
  const code = await main([await offer({ txCode: '7788' }), '--pin', '7788', '--verbose'], out.stream, err.stream);
  expect(err.text()).toBe('');
  expect(code).toBe(0);
  const text = out.text();
  for (const kind of ['offer', 'metadata', 'token', 'nonce', 'credential']) expect(text).toMatch(new RegExp(`#\\d+ ${kind}`));
  expect(text).toMatch(/the offer needs a transaction code \(4 digits\)/);
  expect(text).toMatch(/proof JWT: \{"alg":"EdDSA".*"typ":"openid4vci-proof\+jwt"/);
  expect(text).toMatch(/received VerifiableCredential, ProductAuthenticityCredential .* — verified/);
  expect(text).not.toContain('7788"'); // the PIN is not printed in the token request
  expect(text).toMatch(/complete \(OID4VCI\)/);
});

it('without --pin a PIN offer is declined (exit 3), nothing issued', async () => {
  const out = sink();
  const err = sink();
  const code = await main([await offer({ txCode: '7788' }), '--json'], out.stream, err.stream);
  expect(code).toBe(3);
  expect(err.text()).toMatch(/pass --pin/);
  expect(JSON.parse(out.text()).event.type).toBe('declined');
});

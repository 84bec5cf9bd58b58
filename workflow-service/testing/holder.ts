// A scripted holder for tests and the bench: plain fetch against the real service, signing with
// utils/crypto (the wallet's own signing code).
import { createPresentation, signPresentation, type WalletKey } from '../../utils/crypto';

export interface HttpReply {
  status: number;
  headers: Headers;
  body: any;
}

export async function request({
  url,
  method = 'GET',
  body,
  token,
  headers = {},
}: {
  url: string;
  method?: string;
  body?: unknown;
  token?: string;
  headers?: Record<string, string>;
}): Promise<HttpReply> {
  const init: RequestInit = { method, headers: { accept: 'application/json', ...headers } };
  if (token) (init.headers as Record<string, string>).authorization = `Bearer ${token}`;
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
  }
  const response = await fetch(url, init);
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // keep text
  }
  return { status: response.status, headers: response.headers, body: parsed };
}

/** Creates a provenance exchange; returns its URL. */
export async function createExchange({
  workflowUrl,
  token,
  variables = { subject: 'did:example:bag-456', sku: 'HB-2026-0042' },
  ttl,
  expires,
}: {
  workflowUrl: string;
  token: string;
  variables?: Record<string, unknown>;
  ttl?: number;
  expires?: string;
}): Promise<string> {
  const reply = await request({ url: `${workflowUrl}/exchanges`, method: 'POST', token, body: { ttl, expires, variables } });
  if (reply.status !== 204) throw new Error(`create failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.headers.get('location')!;
}

/** Signs the DID-auth answer to a VPR. */
export async function answer({
  key,
  vpr,
  challenge = vpr.challenge,
  domain = vpr.domain,
  cryptosuite,
}: {
  key: WalletKey;
  vpr: any;
  challenge?: string;
  domain?: string;
  cryptosuite?: string;
}) {
  const presentation = createPresentation({ holder: key.did });
  return signPresentation({ presentation, key, challenge, domain, cryptosuite: cryptosuite as any });
}

/** Runs the whole provenance exchange as a wallet; returns every reply. */
export async function runProvenanceExchange({ exchangeUrl, key }: { exchangeUrl: string; key: WalletKey }) {
  const protocols = await request({ url: `${exchangeUrl}/protocols` });
  const vcapi = protocols.body.protocols.vcapi as string;
  const start = await request({ url: vcapi, method: 'POST', body: {} });
  const vp = await answer({ key, vpr: start.body.verifiablePresentationRequest });
  const final = await request({ url: vcapi, method: 'POST', body: { verifiablePresentation: vp } });
  return { protocols, start, vp, final };
}

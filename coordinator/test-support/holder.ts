// A scripted holder (the wallet's part, in Node) built on the wallet's own signing code:
// interaction URL → protocols → POST {} → DIDAuthentication request → signed VP → credential.
import { createPresentation, generateDidKey, signPresentation, pickCryptosuite, type WalletKey } from '../../utils/crypto/index';

export interface HolderRun {
  key: WalletKey;
  exchangeUrl: string;
  request: any;
  /** The server's reply to the signed VP (carries the issued credential). */
  reply: any;
  credentials: any[];
}

export async function createHolder() {
  return { key: await generateDidKey({ extractable: true }) };
}

/** Reads `{protocols}` from an interaction URL with `Accept: application/json`. */
export async function discoverProtocols({ interactionUrl }: { interactionUrl: string }): Promise<Record<string, string>> {
  const response = await fetch(interactionUrl, { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`interaction URL answered ${response.status}: ${await response.text()}`);
  const body = (await response.json()) as { protocols?: Record<string, string> };
  if (!body.protocols?.vcapi) throw new Error(`no vcapi protocol in ${JSON.stringify(body)}`);
  return body.protocols;
}

async function post(url: string, body: unknown) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(body) });
  const text = await response.text();
  const data = text ? JSON.parse(text) : {};
  if (!response.ok) throw Object.assign(new Error(`exchange POST answered ${response.status}: ${text}`), { status: response.status, data });
  return data;
}

/** Starts the exchange (`{}`) and returns the server's first request, without answering it. */
export async function startExchange({ exchangeUrl }: { exchangeUrl: string }) {
  return post(exchangeUrl, {});
}

/** Runs the whole holder side against an interaction URL (or an exchange URL). */
export async function runHolder({ interactionUrl, exchangeUrl, key }: { interactionUrl?: string; exchangeUrl?: string; key?: WalletKey }): Promise<HolderRun> {
  const holderKey = key ?? (await createHolder()).key;
  const url = exchangeUrl ?? (await discoverProtocols({ interactionUrl: interactionUrl! })).vcapi;
  const first = await post(url, {});
  const request = first.verifiablePresentationRequest;
  if (!request?.challenge) throw new Error(`expected a presentation request, got ${JSON.stringify(first)}`);
  const didAuth = (request.query ?? []).find((q: any) => q.type === 'DIDAuthentication');
  const cryptosuite = pickCryptosuite({ accepted: didAuth?.acceptedCryptosuites });
  const presentation = await signPresentation({
    presentation: createPresentation({ holder: holderKey.did }),
    key: holderKey,
    challenge: request.challenge,
    domain: request.domain,
    cryptosuite,
  });
  const body: Record<string, unknown> = { verifiablePresentation: presentation };
  if (first.referenceId) body.referenceId = first.referenceId;
  let reply = await post(url, body);
  const credentials: any[] = [];
  // bedrock: VP + empty request means "not finished, POST {} again" (bounded here).
  for (let i = 0; i < 5; i += 1) {
    const vps = reply.verifiablePresentation === undefined ? [] : [reply.verifiablePresentation].flat();
    for (const vp of vps) credentials.push(...[vp.verifiableCredential ?? []].flat());
    const again = reply.verifiablePresentationRequest;
    if (!again || Object.keys(again).length > 0) break;
    reply = await post(url, {});
  }
  return { key: holderKey, exchangeUrl: url, request, reply, credentials };
}

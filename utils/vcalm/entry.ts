// Every form an exchange arrives in → which engine runs it, from where. Standalone (no extension
// APIs): the wallet's runner, the CLI and the scan room share it.
//   interaction URL (?iuv=1)                → vcapi (discovery inside the engine), or --protocol X: discover here, run X
//   openid4vp:// / https + request_uri      → oid4vp
//   openid-credential-offer:// / https + credential_offer(_uri) → oid4vci
//   bare VC-API exchange URL, LCW `vc_request_url=`, dccrequest:// → vcapi from the exchange URL (POST {} first)
//   LCW `request={"protocols":{…}}`, a pasted VPR with interact.service → the protocols / exchange URL it names
import { classifyText, type Classification } from './classify';
import { fromErrorJson, namedError } from '../errors';
import { checkProtocols, pickVcapi, type Protocols } from './protocols';
import { sendHttp, type FetchLike } from './http';
import { resolveLimits } from './limits';

export type ProtocolName = 'vcapi' | 'oid4vp' | 'oid4vci';

export type EntryPlan =
  | { engine: 'vcapi'; interactionUrl: string; offered?: Protocols }
  | { engine: 'vcapi'; exchangeUrl: string; offered?: Protocols }
  | { engine: 'oid4vp'; uri: string; interactionUrl?: string; offered?: Protocols }
  | { engine: 'oid4vci'; uri: string; interactionUrl?: string; offered?: Protocols };

/** The engine a protocols key names: vcapi, OID4VP / oid4vp-1.0 / oid4vp-draft18 …, OID4VCI / oid4vci-1.0 …. */
export function protocolOfKey(key: string): ProtocolName | undefined {
  if (key === 'vcapi') return 'vcapi';
  if (/^oid4vp/i.test(key)) return 'oid4vp';
  if (/^oid4vci/i.test(key)) return 'oid4vci';
  return undefined;
}

export function readProtocolName(name: string): ProtocolName {
  const found = protocolOfKey(name.trim()) ?? (name.trim().toLowerCase() === 'vcapi' ? 'vcapi' : undefined);
  if (!found) throw namedError({ name: 'NotSupportedError', message: `Unknown protocol "${name}"; use vcapi, oid4vp or oid4vci.` });
  return found;
}

const PREFERENCE: ProtocolName[] = ['vcapi', 'oid4vp', 'oid4vci'];

/** Picks from a protocols object: the one asked for, else vcapi first (the wallet's preference), then OID4VP, then OID4VCI. */
export function pickProtocol({ protocols, protocol, from }: { protocols: Protocols; protocol?: ProtocolName; from: string }): EntryPlan {
  const order = protocol ? [protocol] : PREFERENCE;
  for (const want of order) {
    if (want === 'vcapi') {
      const exchangeUrl = pickVcapi({ protocols });
      if (exchangeUrl) return { engine: 'vcapi', exchangeUrl, offered: protocols };
      continue;
    }
    for (const [key, value] of Object.entries(protocols)) {
      if (protocolOfKey(key) === want && typeof value === 'string') return { engine: want, uri: value, offered: protocols };
    }
  }
  const offered = Object.keys(protocols).map((k) => `"${k}"`).join(', ') || 'nothing';
  throw namedError({
    name: 'NotSupportedError',
    message: protocol ? `${from} does not offer ${protocol} (it offers ${offered}).` : `${from} offers ${offered}, none of which this wallet runs.`,
    data: { protocols },
  });
}

function planClassified(c: Classification, protocol: ProtocolName | undefined): EntryPlan | 'discover' {
  switch (c.kind) {
    case 'interaction-url':
      return protocol && protocol !== 'vcapi' ? 'discover' : { engine: 'vcapi', interactionUrl: c.url };
    case 'oid4vp-request':
    case 'oid4vci-offer': {
      const engine = c.kind === 'oid4vp-request' ? 'oid4vp' : 'oid4vci';
      if (protocol && protocol !== engine) throw namedError({ name: 'NotSupportedError', message: `This link is an ${engine} request; it cannot be run as ${protocol}.` });
      return { engine, uri: c.uri };
    }
    case 'exchange-url':
      if (protocol && protocol !== 'vcapi') throw namedError({ name: 'NotSupportedError', message: `A VC-API exchange URL runs only as vcapi, not ${protocol}.` });
      return { engine: 'vcapi', exchangeUrl: c.url };
    case 'deep-link':
      return pickProtocol({ protocols: checkProtocols({ body: { protocols: c.protocols }, url: c.url }).protocols, protocol, from: 'The deep link' });
    case 'vpr':
      if (!c.exchangeUrl) break;
      if (protocol && protocol !== 'vcapi') throw namedError({ name: 'NotSupportedError', message: `The presentation request names a VC-API service only, not ${protocol}.` });
      return { engine: 'vcapi', exchangeUrl: c.exchangeUrl };
    case 'invalid-interaction-url':
      throw fromErrorJson({ json: c.error });
    default:
      break;
  }
  const what = c.kind === 'url' ? 'a plain web link' : c.kind === 'vp' ? 'a presentation (nothing to run)' : c.kind === 'vpr' ? 'a presentation request that names no exchange service' : 'not a link the wallet understands';
  throw namedError({ name: 'DataError', message: `This is ${what}: expected an interaction URL, an OpenID4VP/OpenID4VCI link, a VC-API exchange URL or a wallet deep link.` });
}

/**
 * Which engine runs `text`, and from where. With `protocol` (the popup's choice, the CLI's
 * --protocol) an interaction URL is discovered here (one GET, Accept: application/json) and
 * the named protocol is run; without it vcapi is preferred. Named errors: DataError (not an
 * entry form), NotSupportedError (the protocol is not offered), the URL policy's errors.
 */
export async function planEntry({ text, protocol, fetch }: { text: string; protocol?: ProtocolName; fetch?: FetchLike }): Promise<EntryPlan> {
  if (typeof text !== 'string') throw new TypeError('"text" must be a string.');
  const planned = planClassified(classifyText({ text }), protocol);
  if (planned !== 'discover') return planned;
  const interactionUrl = (classifyText({ text }) as { url: string }).url;
  const reply = await sendHttp({
    fetch, method: 'GET', url: interactionUrl, kind: 'protocols', exchangeId: 'discovery', seq: 0,
    limits: resolveLimits({}),
  });
  if (reply.status >= 400) throw namedError({ name: 'NetworkError', message: `GET ${interactionUrl} failed with HTTP ${reply.status}.`, status: reply.status, requestUrl: interactionUrl });
  const { protocols } = checkProtocols({ body: reply.body, url: interactionUrl });
  const plan = pickProtocol({ protocols, protocol, from: new URL(interactionUrl).origin });
  return plan.engine === 'vcapi' ? plan : { ...plan, interactionUrl };
}

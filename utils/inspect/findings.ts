// What each HTTP message of a transcript carried, in VCALM terms: the presentation request the
// server sent, the presentation the wallet answered with, credentials offered or issued, a
// redirect, or the server's own error body. Pure; reads replies with utils/vcalm's parser.
import { parseExchangeReply } from '../vcalm/replies';
import type { TranscriptMessage } from './types';

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

export interface MessageFindings {
  seq: number;
  /** The verifiablePresentationRequest in the reply. */
  request?: Obj;
  /** bedrock's "not finished, POST {} again" (an empty VPR). */
  emptyRequest?: boolean;
  /** The VP the wallet sent in this POST. */
  presentationSent?: Obj;
  /** VPs the server offered / issued in the reply. */
  presentationsReceived: Obj[];
  /** Every credential inside those VPs. */
  credentialsReceived: Obj[];
  redirectUrl?: string;
  referenceId?: string;
  /** The reply of a failed request (status ≥ 400): the server's own body. */
  errorBody?: unknown;
  /** Why the reply could not be read as a VCALM message. */
  problem?: string;
}

function credentialsOf(vp: Obj): Obj[] {
  const vc = vp.verifiableCredential;
  const list = Array.isArray(vc) ? vc : vc === undefined ? [] : [vc];
  return list.filter(isObject);
}

export function messageFindings({ message }: { message: TranscriptMessage }): MessageFindings {
  const out: MessageFindings = { seq: message.seq, presentationsReceived: [], credentialsReceived: [] };
  const body = message.requestBody;
  if (isObject(body) && isObject(body.verifiablePresentation)) out.presentationSent = body.verifiablePresentation;
  if (typeof message.status === 'number' && message.status >= 400) {
    out.errorBody = message.responseBody;
    return out;
  }
  if (message.kind !== 'exchange' || typeof message.status !== 'number') return out;
  try {
    const reply = parseExchangeReply({ body: message.responseBody, url: message.url });
    if (reply.request) out.request = reply.request;
    if (reply.emptyRequest) out.emptyRequest = true;
    out.presentationsReceived = reply.presentations;
    out.credentialsReceived = reply.presentations.flatMap(credentialsOf);
    if (reply.redirectUrl) out.redirectUrl = reply.redirectUrl;
    if (reply.referenceId) out.referenceId = reply.referenceId;
  } catch (error) {
    out.problem = (error as Error)?.message ?? String(error);
  }
  return out;
}

export interface TranscriptFindings {
  byMessage: MessageFindings[];
  /** Every presentation request, with the seq of the reply that carried it. */
  requests: { seq: number; request: Obj }[];
  /** Every presentation sent, with the request it answered (the latest one before it). */
  presentations: { seq: number; presentation: Obj; request?: Obj }[];
  credentials: { seq: number; credential: Obj }[];
  errors: { seq: number; status?: number; body?: unknown; error?: { name: string; message: string } }[];
}

export function transcriptFindings({ messages }: { messages: TranscriptMessage[] }): TranscriptFindings {
  if (!Array.isArray(messages)) throw new TypeError('"messages" must be an array.');
  const sorted = [...messages].sort((a, b) => a.seq - b.seq);
  const byMessage = sorted.map((message) => messageFindings({ message }));
  const out: TranscriptFindings = { byMessage, requests: [], presentations: [], credentials: [], errors: [] };
  let lastRequest: Obj | undefined;
  sorted.forEach((message, i) => {
    const f = byMessage[i];
    if (f.presentationSent) {
      out.presentations.push({ seq: f.seq, presentation: f.presentationSent, ...(lastRequest ? { request: lastRequest } : {}) });
    }
    if (f.request) {
      out.requests.push({ seq: f.seq, request: f.request });
      lastRequest = f.request;
    }
    for (const credential of f.credentialsReceived) out.credentials.push({ seq: f.seq, credential });
    if (f.errorBody !== undefined || message.error || (typeof message.status === 'number' && message.status >= 400)) {
      out.errors.push({
        seq: f.seq,
        ...(typeof message.status === 'number' ? { status: message.status } : {}),
        ...(f.errorBody !== undefined ? { body: f.errorBody } : {}),
        ...(message.error ? { error: message.error } : {}),
      });
    }
  });
  return out;
}

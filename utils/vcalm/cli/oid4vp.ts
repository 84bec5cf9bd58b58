// `npm run exchange -- 'openid4vp://…'`: the OpenID4VP side of the exchange CLI. Drives
// utils/oid4vp's step machine to the end: resolves the request (the decoded request object shown
// with --verbose), names the verifier as the wallet's approval does, answers with the --credential
// files through the same matcher (or declines, sending nothing), prints the transcript.
import type { WalletKey } from '../../crypto';
import { createOid4vpExchange, nextOid4vp, type Oid4vpEvent, type Oid4vpState } from '../../oid4vp';
import type { ExchangeInput } from '../events';
import type { ExchangeLimits } from '../limits';
import type { TranscriptMessage } from '../transcript';
import { formatMessage } from './format';
import { answerRequest } from './present';

type Out = Pick<NodeJS.WritableStream, 'write'>;

export async function runOid4vpCli({ uri, interactionUrl, key, credentials, verbose, json, limits, out, err }: {
  uri: string; interactionUrl?: string; key: WalletKey; credentials: Record<string, unknown>[];
  verbose: boolean; json: boolean; limits?: Partial<ExchangeLimits>; out: Out; err: Out;
}): Promise<number> {
  const print = (line: string) => { if (!json) out.write(`${line}\n`); };
  const messages: TranscriptMessage[] = [];
  let state: Oid4vpState;
  try {
    state = createOid4vpExchange({ uri, interactionUrl, limits });
  } catch (error) {
    err.write(`${(error as Error).name}: ${(error as Error).message}\n`);
    return 2;
  }
  let unsupported: string | undefined;
  let input: ExchangeInput | undefined;
  let event: Oid4vpEvent;
  for (let round = 0; ; round++) {
    const result = await nextOid4vp({
      state, input,
      onMessage: (message) => {
        messages.push(message);
        print(formatMessage({ message, verbose }));
        if (verbose && message.decoded) print(`    request object: ${JSON.stringify(message.decoded)}`);
      },
    });
    state = result.state;
    event = result.event;
    input = undefined;
    if (result.done || round > 4) break;
    if (event.type === 'request' && 'verifier' in event) {
      const v = event.verifier;
      print(`request from ${v.kind === 'did' ? `${v.id} (signature checked)` : `${v.id} (known only by its web address)`}`
        + `${v.nonConformant.length ? ` — non-conformant: ${v.nonConformant.join('; ')}` : ''}`);
      try {
        input = { type: 'presentation', verifiablePresentation: await answerRequest({ event, key, credentials }) };
      } catch (error) {
        unsupported = `${(error as Error).name}: ${(error as Error).message}`;
        input = { type: 'decline', reason: unsupported };
      }
    }
  }
  if (json) out.write(`${JSON.stringify({ protocol: 'oid4vp', holder: key.did, event, state, transcript: messages }, null, 2)}\n`);
  if (event.type === 'complete') {
    print(`complete (OID4VP): presented ${state.presented} credential(s) after ${messages.length} message(s)${event.redirectUrl ? `; redirect to ${event.redirectUrl}` : ''}`);
    return 0;
  }
  if (event.type === 'declined') {
    err.write(`declined: ${unsupported ?? event.message}\n`);
    return 3;
  }
  const error = event.type === 'failed' ? event.error : { name: 'OperationError', message: 'The presentation failed.' };
  err.write(`${error.name}: ${error.message}\n`);
  return 1;
}

// `npm run exchange -- 'openid-credential-offer://…' [--pin 1234]`: the OID4VCI side of the
// exchange CLI (utils/vcalm/cli/exchange.ts hands offer links here). Prints the transcript like
// vcapi, with proof JWTs decoded in --verbose and secrets redacted; verifies what was issued.
import { verifyCredential, type WalletKey } from '../crypto';
import { formatMessage } from '../vcalm/cli/format';
import type { TranscriptMessage } from '../vcalm/transcript';
import { holderFromKeys } from '../wallet/holder';
import { runOid4vci } from './run';

type Out = Pick<NodeJS.WritableStream, 'write'>;

export async function runOfferCli({ offerUrl, key, pin, verbose, json, timeoutMs, out, err }: {
  offerUrl: string; key: WalletKey; pin?: string; verbose: boolean; json: boolean; timeoutMs?: number; out: Out; err: Out;
}): Promise<number> {
  const print = (line: string) => { if (!json) out.write(`${line}\n`); };
  const messages: TranscriptMessage[] = [];
  const received: { credential: Record<string, unknown>; verified: boolean; errors: string[] }[] = [];
  let result;
  try {
    result = await runOid4vci({
      offerUrl,
      holder: holderFromKeys({ keys: async () => [key] }),
      limits: timeoutMs ? { totalTimeoutMs: timeoutMs } : undefined,
      onMessage: (message) => {
        messages.push(message);
        print(formatMessage({ message, verbose }));
        if (verbose) for (const d of (message.decoded ?? []) as { what: string; header: unknown; payload: unknown }[]) print(`    ${d.what} JWT: ${JSON.stringify(d.header)} ${JSON.stringify(d.payload)}`);
      },
      pin: async (event) => {
        const spec = `${event.txCode.length ?? '?'} ${event.txCode.input_mode === 'text' ? 'characters' : 'digits'}`;
        print(`the offer needs a transaction code (${spec})${event.txCode.description ? `: ${event.txCode.description}` : ''}`);
        if (pin === undefined) err.write('This offer needs a transaction code: pass --pin.\n');
        return pin ?? null;
      },
      onCredentials: async (event) => {
        for (const vp of event.presentations) {
          for (const credential of [vp.verifiableCredential].flat() as Record<string, unknown>[]) {
            const v = await verifyCredential({ credential });
            received.push({ credential, verified: v.verified, errors: v.errors.map((e) => `${e.name}: ${e.message}`) });
          }
        }
      },
    });
  } catch (error) {
    err.write(`${(error as Error).name}: ${(error as Error).message}\n`);
    return 2;
  }
  const { event } = result;
  if (json) {
    out.write(`${JSON.stringify({ protocol: 'oid4vci', holder: key.did, event, received, transcript: messages }, null, 2)}\n`);
  } else {
    for (const r of received) {
      const types = [r.credential.type].flat().join(', ');
      print(`received ${types} from ${JSON.stringify(r.credential.issuer)} — ${r.verified ? 'verified' : `NOT verified (${r.errors.join('; ')})`}`);
      if (verbose) print(JSON.stringify(r.credential, null, 2));
    }
  }
  if (event.type === 'complete') {
    print(`complete (OID4VCI) after ${messages.length} message(s)`);
    return received.length && received.every((r) => r.verified) ? 0 : 1;
  }
  if (event.type === 'declined') {
    err.write(`declined: ${event.message}\n`);
    return 3;
  }
  const error = event.type === 'failed' ? event.error : { name: 'OperationError', message: 'The issuance failed.' };
  err.write(`${error.name}: ${error.message}\n`);
  return 1;
}

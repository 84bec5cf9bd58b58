// npm run exchange -- <interaction-url | openid-credential-offer://…> [--pin code] [--key key.json] [--save-key key.json] [--verbose] [--json]
// Runs a VCALM exchange from Node: discovers protocols, answers DID authentication with a
// throwaway (or given) did:key, prints the transcript and what was received. Exit codes:
// 0 complete, 1 failed (the server's message is printed), 2 bad usage, 3 declined (unsupported request).
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { generateDidKey, keyFromJson, keyToJson, verifyCredential, type WalletKey } from '../../crypto';
import { toErrorJson } from '../errors';
import { createExchange } from '../state';
import { parseJson } from '../../json-bounds';
import { runExchange } from '../run';
import type { TranscriptMessage } from '../transcript';
import { answerDidAuth } from './did-auth';
import { formatMessage } from './format';
import { isCredentialOfferLink } from '../../oid4vci/offer';
import { runOfferCli } from '../../oid4vci/cli';

const USAGE = 'usage: npm run exchange -- <interaction-url | openid-credential-offer://…> [--pin code] [--key key.json] [--save-key key.json] [--verbose] [--json] [--timeout seconds]';

async function loadKey(path: string | undefined): Promise<WalletKey> {
  if (!path) return generateDidKey({ extractable: true });
  return keyFromJson({ json: parseJson({ text: await readFile(path, 'utf8'), what: `The key file ${path}` }) as never });
}

function credentialsOf(vp: Record<string, unknown>): Record<string, unknown>[] {
  const vcs = vp.verifiableCredential;
  return (Array.isArray(vcs) ? vcs : vcs ? [vcs] : []) as Record<string, unknown>[];
}

type Out = Pick<NodeJS.WritableStream, 'write'>;

export async function main(argv: string[], out: Out = process.stdout, err: Out = process.stderr): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv, allowPositionals: true,
      options: { key: { type: 'string' }, 'save-key': { type: 'string' }, verbose: { type: 'boolean', short: 'v' }, json: { type: 'boolean' }, timeout: { type: 'string' }, pin: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    err.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (args.values.help || args.positionals.length !== 1) {
    (args.values.help ? out : err).write(`${USAGE}\n`);
    return args.values.help ? 0 : 2;
  }
  const verbose = !!args.values.verbose;
  const print = (line: string) => { if (!args.values.json) out.write(`${line}\n`); };
  let key: WalletKey;
  try {
    key = await loadKey(args.values.key);
    if (args.values['save-key']) await writeFile(args.values['save-key'], JSON.stringify(keyToJson({ key }), null, 2), { mode: 0o600 });
  } catch (error) {
    err.write(`Could not load the key: ${(error as Error).message}\n`);
    return 2;
  }
  print(`holder ${key.did}${args.values.key ? '' : ' (throwaway)'}`);
  const timeoutMs = args.values.timeout ? Number(args.values.timeout) * 1000 : undefined;
  if (isCredentialOfferLink({ url: args.positionals[0] })) {
    return runOfferCli({
      offerUrl: args.positionals[0].trim(), key, pin: args.values.pin, verbose, json: !!args.values.json,
      timeoutMs: timeoutMs && timeoutMs > 0 ? timeoutMs : undefined, out, err,
    });
  }
  const messages: TranscriptMessage[] = [];
  const received: { credential: Record<string, unknown>; verified: boolean; errors: string[] }[] = [];
  let unsupported: string | undefined;
  const timeout = args.values.timeout ? Number(args.values.timeout) * 1000 : undefined;
  const limits = timeout && timeout > 0 ? { totalTimeoutMs: timeout } : undefined;
  let state;
  try {
    state = createExchange({ interactionUrl: args.positionals[0], limits });
  } catch (error) {
    err.write(`${(error as Error).name}: ${(error as Error).message}\n`);
    return 2; // a bad interaction URL
  }
  let result;
  try {
    result = await runExchange({
      state,
      onMessage: (message) => { messages.push(message); print(formatMessage({ message, verbose })); },
      onEvent: ({ event }) => {
        if (event.type === 'protocols') print(`protocols ${Object.keys(event.protocols).join(', ')} → running vcapi ${event.exchangeUrl}`);
        if (event.type === 'request') {
          print(`request from ${event.origin}: ${JSON.stringify(event.request.query)}`);
          if (event.domainMatchesOrigin === false) print(`  warning: domain "${event.domain}" is not ${event.origin}`);
        }
      },
      answer: async (event) => {
        try {
          return await answerDidAuth({ event, key });
        } catch (error) {
          unsupported = (error as Error).message;
          return null; // decline: nothing is sent
        }
      },
      onCredentials: async (event) => {
        for (const vp of event.presentations) {
          for (const credential of credentialsOf(vp)) {
            const v = await verifyCredential({ credential });
            received.push({ credential, verified: v.verified, errors: v.errors.map((e) => `${e.name}: ${e.message}`) });
          }
        }
      },
    });
  } catch (error) {
    // not the user's fault: the exchange broke (anything the server sent is bounded before this)
    err.write(`${(error as Error)?.name ?? 'Error'}: ${(error as Error)?.message ?? error}\n`);
    return 1;
  }
  const { event } = result;
  if (args.values.json) {
    out.write(`${JSON.stringify({ holder: key.did, event, state: result.state, received, transcript: messages }, null, 2)}\n`);
  } else {
    for (const r of received) {
      const types = ([] as unknown[]).concat(r.credential.type ?? []).join(', ');
      print(`received ${types} from ${JSON.stringify(r.credential.issuer)} — ${r.verified ? 'verified' : `NOT verified (${r.errors.join('; ')})`}`);
      if (verbose) print(JSON.stringify(r.credential, null, 2));
    }
  }
  if (event.type === 'complete') {
    print(`complete after ${result.state.steps} POST(s)${event.redirectUrl ? `; redirect to ${event.redirectUrl}` : ''}`);
    return received.every((r) => r.verified) ? 0 : 1;
  }
  if (event.type === 'declined') {
    err.write(`declined: ${unsupported ?? event.message}\n`);
    return 3;
  }
  const error = event.type === 'failed' ? event.error : toErrorJson({ error: event });
  err.write(`${error.name}: ${error.message}\n`);
  return 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (error) => {
    process.stderr.write(`${(error as Error)?.name ?? 'Error'}: ${(error as Error)?.message ?? error}\n`);
    process.exitCode = 1;
  });
}

// npm run exchange -- <any entry form> [--protocol vcapi|oid4vp|oid4vci] [--pin code] [--credential vc.json]…
//                     [--key key.json] [--save-key key.json] [--verbose] [--json] [--timeout seconds]
// Runs an exchange from Node, whatever form it arrived in (utils/vcalm/entry.ts plans it): an
// interaction URL (vcapi preferred, or --protocol to run another protocol it offers),
// openid-credential-offer:// and https links with credential_offer(_uri) (OID4VCI),
// openid4vp:// and https links with request_uri (OID4VP), LCW deep links (request= / vc_request_url=),
// dccrequest:// links, a bare VC-API exchange URL, a pasted presentation request JSON with
// interact.service. Answers DID authentication with a throwaway (or given) did:key and requests for
// credentials with the --credential files; prints the transcript and what was received.
// Exit codes: 0 complete, 1 failed (the server's message is printed), 2 bad usage, 3 declined (unsupported request).
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
import { planEntry, readProtocolName, type EntryPlan } from '../entry';
import { answerRequest } from './present';
import { formatMessage } from './format';
import { runOfferCli } from '../../oid4vci/cli';
import { runOid4vpCli } from './oid4vp';

const USAGE = 'usage: npm run exchange -- <interaction URL | openid-credential-offer://… | openid4vp://… | exchange URL | wallet deep link | presentation request JSON> '
  + '[--protocol vcapi|oid4vp|oid4vci] [--pin code] [--credential vc.json]… [--key key.json] [--save-key key.json] [--verbose] [--json] [--timeout seconds]';

async function loadKey(path: string | undefined): Promise<WalletKey> {
  if (!path) return generateDidKey({ extractable: true });
  return keyFromJson({ json: parseJson({ text: await readFile(path, 'utf8'), what: `The key file ${path}` }) as never });
}

function credentialsOf(vp: Record<string, unknown>): Record<string, unknown>[] {
  const vcs = vp.verifiableCredential;
  return (Array.isArray(vcs) ? vcs : vcs ? [vcs] : []) as Record<string, unknown>[];
}

type Out = Pick<NodeJS.WritableStream, 'write'>;

/** One line saying which engine runs the entry and from where. */
function describePlan(plan: EntryPlan): string {
  const offered = plan.offered ? ` (offered: ${Object.keys(plan.offered).join(', ')})` : '';
  switch (plan.engine) {
    case 'vcapi': return 'interactionUrl' in plan ? `vcapi from the interaction URL ${plan.interactionUrl}` : `vcapi from the exchange URL ${plan.exchangeUrl}${offered}`;
    case 'oid4vp': return `OID4VP request ${plan.uri.slice(0, 200)}${offered}`;
    case 'oid4vci': return `OID4VCI offer ${plan.uri.slice(0, 200)}${offered}`;
  }
}

async function loadCredentials(paths: string[]): Promise<Record<string, unknown>[]> {
  const all: Record<string, unknown>[] = [];
  for (const path of paths) {
    const json = parseJson({ text: await readFile(path, 'utf8'), what: `The credential file ${path}` });
    // a credential, an array of them, or a VP carrying them (what --json prints under received[].credential)
    const list = Array.isArray(json) ? json : (json as Record<string, unknown>)?.verifiableCredential !== undefined
      ? [(json as Record<string, unknown>).verifiableCredential].flat() : [json];
    for (const c of list) {
      if (!c || typeof c !== 'object' || Array.isArray(c)) throw new TypeError(`${path} holds something that is not a credential object.`);
      all.push(c as Record<string, unknown>);
    }
  }
  return all;
}

export async function main(argv: string[], out: Out = process.stdout, err: Out = process.stderr): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv, allowPositionals: true,
      options: {
        key: { type: 'string' }, 'save-key': { type: 'string' }, verbose: { type: 'boolean', short: 'v' }, json: { type: 'boolean' },
        timeout: { type: 'string' }, pin: { type: 'string' }, protocol: { type: 'string' }, credential: { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
      },
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
  const json = !!args.values.json;
  const print = (line: string) => { if (!json) out.write(`${line}\n`); };
  let key: WalletKey;
  let credentials: Record<string, unknown>[];
  try {
    key = await loadKey(args.values.key);
    if (args.values['save-key']) await writeFile(args.values['save-key'], JSON.stringify(keyToJson({ key }), null, 2), { mode: 0o600 });
  } catch (error) {
    err.write(`Could not load the key: ${(error as Error).message}\n`);
    return 2;
  }
  try {
    credentials = await loadCredentials(args.values.credential ?? []);
  } catch (error) {
    err.write(`Could not load the credentials: ${(error as Error).message}\n`);
    return 2;
  }
  const timeoutSeconds = args.values.timeout ? Number(args.values.timeout) : undefined;
  const timeoutMs = timeoutSeconds && timeoutSeconds > 0 ? timeoutSeconds * 1000 : undefined;
  const limits = timeoutMs ? { totalTimeoutMs: timeoutMs } : undefined;
  let plan: EntryPlan;
  try {
    const protocol = args.values.protocol ? readProtocolName(args.values.protocol) : undefined;
    plan = await planEntry({ text: args.positionals[0], protocol });
  } catch (error) {
    err.write(`${(error as Error)?.name ?? 'Error'}: ${(error as Error)?.message ?? error}\n`);
    // the network failed while discovering the protocols: not the user's fault
    return ['NetworkError', 'TimeoutError'].includes((error as Error)?.name) ? 1 : 2;
  }
  print(`holder ${key.did}${args.values.key ? '' : ' (throwaway)'}`);
  print(`running ${describePlan(plan)}`);
  if (plan.engine === 'oid4vci') {
    return runOfferCli({ offerUrl: plan.uri.trim(), key, pin: args.values.pin, verbose, json, timeoutMs, out, err });
  }
  if (plan.engine === 'oid4vp') {
    return runOid4vpCli({ uri: plan.uri, interactionUrl: plan.interactionUrl, key, credentials, verbose, json, limits, out, err });
  }
  const messages: TranscriptMessage[] = [];
  const received: { credential: Record<string, unknown>; verified: boolean; errors: string[] }[] = [];
  let unsupported: string | undefined;
  let state;
  try {
    state = 'interactionUrl' in plan
      ? createExchange({ interactionUrl: plan.interactionUrl, limits })
      : createExchange({ exchangeUrl: plan.exchangeUrl, limits });
    if (plan.offered) state.protocols = plan.offered;
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
          return await answerRequest({ event, key, credentials });
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
  if (json) {
    out.write(`${JSON.stringify({ protocol: 'vcapi', holder: key.did, event, state: result.state, received, transcript: messages }, null, 2)}\n`);
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

// `npm run issue -- --subject did:example:bag-456 --sku HB-2026-0042`
// Creates a provenance exchange, hosts its interaction URL, prints it with a terminal QR code,
// follows the exchange, and prints the owner binding. Exit 0 on complete, 1 with the reason otherwise.
import { parseArgs } from 'node:util';
import { createExchange, createInteractionHost, pollExchange, qrTerminal } from '../lib/index';
import { startInteractionServer } from './interaction-server';
import { resolveWorkflowTarget } from './workflow-target';
import { hasErrorName } from '../../utils/errors';

const HELP = `Usage: npm run issue -- --subject DID --sku SKU [options]
  --subject ID         the product (variables.subject), e.g. did:example:bag-456
  --sku SKU            the product's SKU (variables.sku), e.g. HB-2026-0042
  --workflow-url URL   workflow on a running service (env WORKFLOW_URL); default: start the local one in-process
  --token TOKEN        bearer token for that service (env WORKFLOW_TOKEN or WORKFLOW_SERVICE_TOKEN)
  --ttl SECONDS        exchange lifetime (default 900)
  --host HOST          where to host the interaction URL (default 127.0.0.1)
  --port PORT          its port (default 0: any free port)
  --no-qr              do not draw the QR code`;

const STATE_TEXT: Record<string, string> = {
  pending: 'waiting for a wallet',
  active: 'wallet connected',
  complete: 'complete',
  invalid: 'failed',
};

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      subject: { type: 'string' },
      sku: { type: 'string' },
      'workflow-url': { type: 'string' },
      token: { type: 'string' },
      ttl: { type: 'string' },
      host: { type: 'string' },
      port: { type: 'string' },
      'no-qr': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (!values.subject || !values.sku) {
    console.error(`issue: --subject and --sku are required.\n${HELP}`);
    return 2;
  }
  const ttl = Number(values.ttl ?? 900);
  const port = Number(values.port ?? 0);
  if (!Number.isInteger(ttl) || ttl <= 0) throw new TypeError(`--ttl must be a whole number of seconds, not ${JSON.stringify(values.ttl)}.`);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new TypeError(`--port must be a port number, not ${JSON.stringify(values.port)}.`);

  const target = await resolveWorkflowTarget({
    workflowUrl: values['workflow-url'] ?? process.env.WORKFLOW_URL,
    token: values.token ?? process.env.WORKFLOW_TOKEN ?? process.env.WORKFLOW_SERVICE_TOKEN,
  });
  const interactions = createInteractionHost();
  const server = await startInteractionServer({ interactions, host: values.host ?? '127.0.0.1', port }).catch(async (error) => {
    await target.close();
    throw error;
  });
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    console.log(`\n${signal === 'SIGINT' ? 'Ctrl-C' : signal}: giving up on the exchange and stopping${target.local ? ' the workflow service and' : ''} the interaction host.`);
    controller.abort(Object.assign(new Error('Interrupted.'), { name: 'AbortError' }));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    if (target.local) {
      console.log(`Workflow service: ${target.local.baseUrl} (started in this process)`);
      console.log('  No --workflow-url was given, so this command runs its own workflow service with a throwaway data folder; it stops when the command ends.');
    } else {
      console.log(`Workflow: ${target.workflowUrl}`);
    }
    console.log(`Interaction host: ${server.origin} (serves the interaction URL below; --host/--port pick it)`);
    const { exchangeUrl, exchangeId } = await createExchange({
      workflowUrl: target.workflowUrl,
      token: target.token,
      ttl,
      variables: { subject: values.subject, sku: values.sku },
      signal: controller.signal,
    });
    const { id } = interactions.add({
      exchangeUrl,
      expires: new Date(Date.now() + ttl * 1000),
      title: 'Receive your product authenticity credential',
      description: `Product ${values.subject} (SKU ${values.sku}).`,
    });
    const interactionUrl = interactions.interactionUrl({ origin: server.origin, id });
    console.log(`Exchange: ${exchangeId}`);
    console.log(`Exchange URL: ${exchangeUrl}`);
    console.log(`Interaction URL: ${interactionUrl}`);
    if (!values['no-qr']) console.log(await qrTerminal({ text: interactionUrl }));
    console.log('Open the interaction URL with your wallet (or scan the code). Ctrl-C to give up.');

    const started = Date.now();
    const { results, exchange } = await pollExchange({
      exchangeUrl,
      token: target.token,
      signal: controller.signal,
      timeoutMs: ttl * 1000 + 10_000,
      onProgress: ({ state }) => {
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        console.log(`[${seconds}s] state: ${state} (${STATE_TEXT[state] ?? state})`);
      },
    });
    const binding = results.ownerBinding ?? {};
    console.log('Exchange complete.');
    console.log(`Owner binding: ${binding.did ?? '(no ownerBinding result)'}`);
    if (binding.verificationMethod) console.log(`Verification method: ${binding.verificationMethod}`);
    if (exchange.sequence !== undefined) console.log(`Sequence: ${exchange.sequence}`);
    return binding.did ? 0 : 1;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await server.close();
    await target.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`issue failed: ${error?.name ?? 'Error'}: ${error?.message ?? error}`);
    process.exit(hasErrorName(error, 'AbortError') ? 130 : 1);
  },
);

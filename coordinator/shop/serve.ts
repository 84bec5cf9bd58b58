// `npm run shop` — the demo shop on 127.0.0.1. Without --workflow-url it also starts the local
// workflow service in this process, so one command gives a working shop.
//   --workflow-url URL   (env WORKFLOW_URL)    a workflow, e.g. http://127.0.0.1:4100/workflows/provenance-issuance
//   --token TOKEN        (env WORKFLOW_TOKEN or WORKFLOW_SERVICE_TOKEN)  its bearer token
//   --host HOST          (env SHOP_HOST, default 127.0.0.1)
//   --port PORT          (env SHOP_PORT, default 8080; 0 = any free port)
import { parseArgs } from 'node:util';
import { resolveWorkflowTarget } from '../cli/workflow-target';
import { startShop } from './shop-server';

const HELP = `Usage: npm run shop -- [--workflow-url URL --token TOKEN] [--host 127.0.0.1] [--port 8080]
Without --workflow-url the local workflow service is started in this process.`;

async function main() {
  const { values } = parseArgs({
    options: {
      'workflow-url': { type: 'string' },
      token: { type: 'string' },
      host: { type: 'string' },
      port: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const port = Number(values.port ?? process.env.SHOP_PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new TypeError(`--port must be a port number, not ${JSON.stringify(values.port)}.`);
  const target = await resolveWorkflowTarget({
    workflowUrl: values['workflow-url'] ?? process.env.WORKFLOW_URL,
    token: values.token ?? process.env.WORKFLOW_TOKEN ?? process.env.WORKFLOW_SERVICE_TOKEN,
  });
  let shop;
  try {
    shop = await startShop({ workflowUrl: target.workflowUrl, token: target.token, host: values.host ?? process.env.SHOP_HOST ?? '127.0.0.1', port });
  } catch (error) {
    await target.close();
    throw error;
  }
  console.log(`Demo shop         ${shop.url}`);
  if (target.local) console.log(`Workflow service  ${target.local.baseUrl}   (started in this process; token: ${target.token})`);
  console.log(`Workflow          ${target.workflowUrl}`);
  console.log('Press Ctrl-C to stop.');
  const stop = async () => {
    await shop.close();
    await target.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error) => {
  console.error(`shop: ${error?.name ?? 'Error'}: ${error?.message ?? error}`);
  process.exit(1);
});

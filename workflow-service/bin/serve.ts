// CLI: npm run workflow-service -- [--host 127.0.0.1] [--port 4100] [--token …] [--data-dir …]
//                                  [--workflows file.json] [--public-url https://…] [--exchange-shape wrapped|flat]
// Each flag has an environment variable (WORKFLOW_SERVICE_HOST, …_PORT, …_TOKEN, …_DATA_DIR,
// …_WORKFLOWS, …_PUBLIC_URL); flags win.
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { startWorkflowService } from '../index';
import { brandKeyFrom } from '../brand-key';
import { batchedSink } from '../log';

const HELP = `Usage: npm run workflow-service -- [options]

  --host <host>         listen address            (WORKFLOW_SERVICE_HOST, default 127.0.0.1)
  --port <n>            port, 0 = any free port   (WORKFLOW_SERVICE_PORT, default 4100)
  --token <token>       bearer token for create/read (WORKFLOW_SERVICE_TOKEN, default: made once, kept in {data-dir}/service-token, printed)
  --data-dir <dir>      PGlite database, brand key, token (WORKFLOW_SERVICE_DATA_DIR, default ./data/workflow-service)
  --database-url <url>  PostgreSQL instead of PGlite; any number of instances may share it (DATABASE_URL)
                        (then give the token and the brand key: every instance must use the same)
  --brand-key-file <f>  the brand key (JSON as the service writes it) (WORKFLOW_SERVICE_BRAND_KEY_FILE,
                        or the JSON itself in WORKFLOW_SERVICE_BRAND_KEY; default: {data-dir}/brand-key.json)
  --workflows <file>    workflow config JSON      (WORKFLOW_SERVICE_WORKFLOWS, default workflow-service/workflows.json)
  --public-url <url>    base URL wallets see      (WORKFLOW_SERVICE_PUBLIC_URL, default http://host:port)
  --exchange-shape <s>  GET {exchange} answers wrapped {exchange: …} (bedrock) or flat (VCALM)
                        unless the Exchange-Shape header says (WORKFLOW_SERVICE_EXCHANGE_SHAPE, default wrapped)
  --drain-ms <n>        on SIGTERM keep serving n ms with /ready at 503 before stopping
                        (WORKFLOW_SERVICE_DRAIN_MS, default 0; behind a load balancer: its check interval × threshold)
  --help

Logs are JSON lines on stderr (one per request); SIGTERM/SIGINT stop gracefully.`;

async function main() {
  const { values } = parseArgs({
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      token: { type: 'string' },
      'data-dir': { type: 'string' },
      'database-url': { type: 'string' },
      'brand-key-file': { type: 'string' },
      workflows: { type: 'string' },
      'public-url': { type: 'string' },
      'exchange-shape': { type: 'string' },
      'drain-ms': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const env = process.env;
  const portText = values.port ?? env.WORKFLOW_SERVICE_PORT ?? '4100';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) throw new TypeError(`"port" must be 0-65535, got "${portText}".`);
  const workflowsFile = values.workflows ?? env.WORKFLOW_SERVICE_WORKFLOWS;
  const brandKeyFile = values['brand-key-file'] ?? env.WORKFLOW_SERVICE_BRAND_KEY_FILE;
  const brandKeyJson = brandKeyFile ? undefined : env.WORKFLOW_SERVICE_BRAND_KEY;
  const brandKey = brandKeyFile || brandKeyJson ? await brandKeyFrom({ file: brandKeyFile && resolve(brandKeyFile), json: brandKeyJson }) : undefined;
  const log = batchedSink((text) => process.stderr.write(text));
  process.on('exit', () => log.flush()); // the last turn's lines (stderr writes to a pipe or file are synchronous)
  const service = await startWorkflowService({
    databaseUrl: values['database-url'] ?? (env.DATABASE_URL || undefined),
    brandKey,
    host: values.host ?? env.WORKFLOW_SERVICE_HOST ?? '127.0.0.1',
    port,
    token: values.token ?? env.WORKFLOW_SERVICE_TOKEN ?? undefined,
    dataDir: resolve(values['data-dir'] ?? env.WORKFLOW_SERVICE_DATA_DIR ?? 'data/workflow-service'),
    workflowsFile: workflowsFile ? resolve(workflowsFile) : undefined,
    publicUrl: values['public-url'] ?? env.WORKFLOW_SERVICE_PUBLIC_URL ?? undefined,
    exchangeShape: (values['exchange-shape'] ?? env.WORKFLOW_SERVICE_EXCHANGE_SHAPE ?? 'wrapped') as 'wrapped' | 'flat',
    drainDelayMs: Number(values['drain-ms'] ?? env.WORKFLOW_SERVICE_DRAIN_MS ?? '0'),
    log,
  });
  console.log(`Workflow service: ${service.baseUrl}`);
  if (service.listenUrl !== service.baseUrl) console.log(`Listening on:     ${service.listenUrl}`);
  console.log(`Workflow:         ${service.workflowUrl('provenance-issuance')}`);
  console.log(`Token:            ${service.token}`);
  console.log(`Issuer:           ${service.issuer}`);
  console.log(`Data directory:   ${service.dataDir}`);
  console.log(`Database:         ${service.engine === 'pg' ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${service.dataDir}/pgdata`}`);
  let stopping = false;
  const stop = () => {
    if (stopping) return; // a second signal while draining changes nothing
    stopping = true;
    service.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error) => {
  console.error(`workflow-service: ${error.name}: ${error.message}`);
  process.exit(1);
});

// `npm run revoke -- --credential-id urn:uuid:… --workflow-url URL --token TOKEN [--suspend | --unsuspend]`
// Revokes (for good) or suspends an issued credential on the workflow service. Exit 0 done,
// 1 refused (the service's reason on stderr), 2 bad usage.
import { parseArgs } from 'node:util';
import { revokeCredential, suspendCredential } from '../lib/index';

const HELP = `Usage: npm run revoke -- --credential-id ID --workflow-url URL --token TOKEN [--suspend | --unsuspend]
  --credential-id ID   the issued credential's id (urn:uuid:…)
  --workflow-url URL   the workflow service (its base URL or a workflow URL; env WORKFLOW_URL)
  --token TOKEN        bearer token (env WORKFLOW_TOKEN or WORKFLOW_SERVICE_TOKEN)
  --suspend            suspend instead of revoking; --unsuspend lifts a suspension`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      'credential-id': { type: 'string' },
      'workflow-url': { type: 'string' },
      token: { type: 'string' },
      suspend: { type: 'boolean' },
      unsuspend: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const serviceUrl = values['workflow-url'] ?? process.env.WORKFLOW_URL;
  const token = values.token ?? process.env.WORKFLOW_TOKEN ?? process.env.WORKFLOW_SERVICE_TOKEN;
  const credentialId = values['credential-id'];
  if (!serviceUrl || !token || !credentialId || (values.suspend && values.unsuspend)) {
    console.error(HELP);
    return 2;
  }
  try {
    const change = values.suspend || values.unsuspend
      ? await suspendCredential({ serviceUrl, token, credentialId, suspended: !values.unsuspend })
      : await revokeCredential({ serviceUrl, token, credentialId });
    console.log(`${change.credentialId}: ${change.statusPurpose} ${change.status ? 'set' : 'lifted'}`);
    return 0;
  } catch (error) {
    console.error(`revoke failed: ${(error as Error).name}: ${(error as Error).message}`);
    return 1;
  }
}

process.exitCode = await main();

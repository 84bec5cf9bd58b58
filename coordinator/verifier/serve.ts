// `npm run verifier` — the demo verifier on 127.0.0.1: a page that asks the
// visitor's wallet (navigator.credentials.get) for the provenance credential and checks it.
//   --host HOST              (env VERIFIER_HOST, default 127.0.0.1)
//   --port PORT              (env VERIFIER_PORT, default 8090; 0 = any free port)
//   --trusted-issuer DID     repeatable (env VERIFIER_TRUSTED_ISSUERS, comma-separated)
//   --public-url ORIGIN      the origin pages are served from, bound into every challenge
//                            (env VERIFIER_PUBLIC_URL; default the listening address)
import { parseArgs } from 'node:util';
import { startVerifier } from './verifier-server';

async function main() {
  const { values } = parseArgs({
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      'trusted-issuer': { type: 'string', multiple: true },
      'public-url': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log('Usage: npm run verifier -- [--host 127.0.0.1] [--port 8090] [--trusted-issuer did:key:…] [--public-url https://verifier.example]');
    return;
  }
  const port = Number(values.port ?? process.env.VERIFIER_PORT ?? 8090);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new TypeError(`--port must be a port number, not ${JSON.stringify(values.port)}.`);
  const trustedIssuers = values['trusted-issuer'] ?? (process.env.VERIFIER_TRUSTED_ISSUERS?.split(',').filter(Boolean) ?? []);
  const publicOrigin = values['public-url'] ?? process.env.VERIFIER_PUBLIC_URL;
  const verifier = await startVerifier({ host: values.host ?? process.env.VERIFIER_HOST ?? '127.0.0.1', port, trustedIssuers, publicOrigin });
  console.log(`Demo verifier     ${verifier.url}`);
  console.log(trustedIssuers.length ? `Trusted issuers   ${trustedIssuers.join(', ')}` : 'Trusted issuers   (none: the issuer is shown, not checked)');
  const stop = async () => {
    await verifier.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error) => {
  console.error(`verifier: ${error?.name ?? 'Error'}: ${error?.message ?? error}`);
  process.exit(1);
});

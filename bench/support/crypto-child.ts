// Child process entry: the cryptography of complete provenance exchanges and nothing else
// (holder signs the DID-auth VP, the service verifies it and issues the credential), in a loop
// for argv[2] seconds; prints {count, ms}. Several at once give the machine's crypto-only bound.
import { createPresentation, generateDidKey, issueCredential, signPresentation, verifyPresentation } from '../../utils/crypto';

const seconds = Number(process.argv[2] ?? 5);
const holder = await generateDidKey();
const brand = await generateDidKey({ extractable: true });
const domain = 'https://brand.example';
const credential = (subject: string) => ({
  '@context': ['https://www.w3.org/ns/credentials/v2', {
    ProductAuthenticityCredential: 'urn:vcalm-wallet:vocab:ProductAuthenticityCredential',
    Product: 'https://schema.org/Product', owns: { '@id': 'https://schema.org/owns', '@type': '@id' }, sku: 'https://schema.org/sku',
  }],
  id: `urn:uuid:${crypto.randomUUID()}`,
  type: ['VerifiableCredential', 'ProductAuthenticityCredential'],
  issuer: brand.did,
  validFrom: '2026-01-01T00:00:00Z',
  credentialSubject: { id: subject, owns: { id: 'did:example:bag-1', type: 'Product', sku: 'SKU-1' } },
});
async function exchangeCrypto() {
  const challenge = crypto.randomUUID();
  const vp = await signPresentation({ presentation: createPresentation({ holder: holder.did }), key: holder, challenge, domain });
  const checked = await verifyPresentation({ presentation: vp, challenge, domain });
  if (!checked.verified) throw new Error('VP did not verify');
  await issueCredential({ credential: credential(holder.did), key: brand });
}
for (let i = 0; i < 3; i++) await exchangeCrypto(); // warm-up
const t0 = performance.now();
const cpu0 = process.cpuUsage();
let count = 0;
while (performance.now() - t0 < seconds * 1000) {
  await exchangeCrypto();
  count++;
}
const cpu = process.cpuUsage(cpu0);
process.stdout.write(JSON.stringify({ count, ms: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000 }));

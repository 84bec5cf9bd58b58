// The default (bundled, offline) loader verifies real Open Badges 3.0 credentials on its own:
// no extra documents, no network.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { documentLoader, verifyCredential } from './index';

const VECTORS = resolve(import.meta.dirname, '../../testdata/vectors/credentials');
const read = (name: string) => JSON.parse(readFileSync(resolve(VECTORS, name), 'utf8'));
const NOW = '2026-11-22T12:00:00Z';

describe('bundled contexts', () => {
  it.each([
    'ob3-vc2-eddsa-rdfc-2022-didkey.json',
    'ob3-vc2-ed25519signature2020-didkey.json',
    'ob3-vc1-eddsa-rdfc-2022-didkey.json',
    'ob3-vc1-ed25519signature2020-didkey-string-issuer.json',
  ])('%s verifies with the default loader', async (name) => {
    const result = await verifyCredential({ credential: read(name), now: NOW });
    expect(result.errors).toEqual([]);
    expect(result.verified).toBe(true);
  });

  it('a tampered OB3 credential still fails on its proof', async () => {
    const result = await verifyCredential({ credential: read('ob3-vc2-ed25519signature2020-didkey-TAMPERED.json'), now: NOW });
    expect(result.verified).toBe(false);
    expect(result.checks.proof).toBe(false);
  });

  it('serves the OB 3.0.3 and Bitstring Status List contexts and nothing from the network', async () => {
    const ob = await documentLoader('https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json');
    expect(JSON.stringify(ob.document)).toContain('OpenBadgeCredential');
    const status = await documentLoader('https://www.w3.org/ns/credentials/status/v1');
    expect(JSON.stringify(status.document)).toContain('BitstringStatusListEntry');
    await expect(documentLoader('https://example.com/not-bundled/v1')).rejects.toMatchObject({ name: expect.stringMatching(/Error$/) });
  });
});

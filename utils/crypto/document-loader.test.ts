import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDocumentLoader, documentLoader } from './index';

const CONTEXTS = resolve(import.meta.dirname, '../../testdata/vectors/contexts');
const readContext = (file: string) => JSON.parse(readFileSync(resolve(CONTEXTS, file), 'utf8'));
const ED = 'did:key:z6MknNQD1WHLGGraFi6zcbGevuAgkVfdyCdtZnQTGWVVvR5Q';
const P256 = 'did:key:zDnaepBuvsQ8cpsWrVKw8fbpGpvPeNSjVPTWoq6cRqaYzBKVP';
const P384 = 'did:key:z82LkuBieyGShVBhvtE2zoiD6Kma4tJGFtkAhxR5pfkp5QPw4LutoYWhvQCnGjdVn14kujQ';

describe('documentLoader (default)', () => {
  it.each([
    'https://www.w3.org/2018/credentials/v1',
    'https://www.w3.org/ns/credentials/v2',
    'https://w3id.org/security/data-integrity/v1',
    'https://w3id.org/security/data-integrity/v2',
    'https://w3id.org/security/multikey/v1',
    'https://www.w3.org/ns/did/v1',
    'https://w3id.org/security/suites/ed25519-2020/v1',
    'https://w3id.org/security/v1',
    'https://w3id.org/security/v2',
  ])('serves the bundled context %s', async (url) => {
    const result = await documentLoader(url);
    expect(result.documentUrl).toBe(url);
    expect(result.contextUrl).toBeNull();
    expect(result.document['@context']).toBeTypeOf('object');
  });

  it('hands out copies, so a caller cannot poison the bundled context', async () => {
    const first = await documentLoader('https://www.w3.org/ns/credentials/v2');
    (first.document as Record<string, unknown>)['@context'] = 'poisoned';
    const second = await documentLoader('https://www.w3.org/ns/credentials/v2');
    expect(second.document['@context']).not.toBe('poisoned');
  });

  it('resolves an Ed25519 did:key to a DID document listing it for authentication and assertion', async () => {
    const { document } = await documentLoader(ED);
    const vm = `${ED}#${ED.slice('did:key:'.length)}`;
    expect(document.id).toBe(ED);
    expect(document.authentication).toEqual([vm]);
    expect(document.assertionMethod).toEqual([vm]);
  });

  it('resolves a did:key URL to a Multikey verification method with its own context', async () => {
    const url = `${ED}#${ED.slice('did:key:'.length)}`;
    const { document } = await documentLoader(url);
    expect(document).toEqual({
      '@context': 'https://w3id.org/security/multikey/v1',
      id: url,
      type: 'Multikey',
      controller: ED,
      publicKeyMultibase: ED.slice('did:key:'.length),
    });
  });

  it.each([P256, P384])('resolves the ECDSA did:key %s', async (did) => {
    const url = `${did}#${did.slice('did:key:'.length)}`;
    const { document } = await documentLoader(url);
    expect(document.type).toBe('Multikey');
    expect(document.controller).toBe(did);
  });

  it('throws NotFoundError naming the URL for anything not bundled, without fetching', async () => {
    const url = 'https://example.com/contexts/unknown.jsonld';
    await expect(documentLoader(url)).rejects.toMatchObject({ name: 'NotFoundError', message: expect.stringContaining(url) });
    await expect(documentLoader('did:web:example.com')).rejects.toMatchObject({ name: 'NotFoundError' });
  });

  it('throws NotFoundError for a malformed did:key', async () => {
    await expect(documentLoader('did:key:zQ3notakey')).rejects.toMatchObject({
      name: 'NotFoundError',
      message: expect.stringContaining('did:key:zQ3notakey'),
    });
  });
});

describe('createDocumentLoader({documents})', () => {
  it('serves extra documents by URL and by their own id', async () => {
    const oidf = readContext('did-web-dcc-oidf.did.json');
    const loader = createDocumentLoader({
      documents: {
        'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json': readContext('ob-v3p0-context-3.0.3.json'),
        'https://digitalcredentials.github.io/vc-test-fixtures/dids/oidf/did.json': oidf,
      },
    });
    expect((await loader('https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json')).document['@context']).toBeTypeOf('object');
    expect((await loader(oidf.id)).document.id).toBe(oidf.id);
    // the defaults are still there
    expect((await loader('https://www.w3.org/ns/credentials/v2')).documentUrl).toBe('https://www.w3.org/ns/credentials/v2');
  });

  it('tags only the bundled contexts static (cacheable by jsonld), not caller documents', async () => {
    const loader = createDocumentLoader({
      documents: { 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json': readContext('ob-v3p0-context-3.0.3.json') },
    });
    expect((await loader('https://www.w3.org/ns/credentials/v2')).tag).toBe('static');
    expect((await loader('https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json')).tag).toBeUndefined();
    expect((await loader(ED)).tag).toBeUndefined();
  });

  it('serves a verification method of a did:web document with the Multikey context it lacks', async () => {
    const oidf = readContext('did-web-dcc-oidf.did.json');
    const loader = createDocumentLoader({ documents: { [oidf.id]: oidf } });
    const vmId = `${oidf.id}#z6MkjXe1vZvPRqFuc9nRBtZ3e1Y9XKDFSbjFAfzLfW2bD6cZ`;
    const { document } = await loader(vmId);
    expect(document).toMatchObject({ '@context': 'https://w3id.org/security/multikey/v1', id: vmId, type: 'Multikey' });
    expect(document.controller).toBe(oidf.id);
  });

  it('serves an Ed25519VerificationKey2020 method with the ed25519-2020 context', async () => {
    const legacy = readContext('did-web-dcc-legacy.did.json');
    const loader = createDocumentLoader({ documents: { [legacy.id]: legacy } });
    const vm = legacy.assertionMethod[0]; // embedded under assertionMethod, not verificationMethod
    const id = vm.id.startsWith('#') ? legacy.id + vm.id : vm.id;
    const { document } = await loader(id);
    expect(document).toMatchObject({ '@context': 'https://w3id.org/security/suites/ed25519-2020/v1', id, type: 'Ed25519VerificationKey2020' });
  });

  it('still refuses unknown fragments of a known document', async () => {
    const oidf = readContext('did-web-dcc-oidf.did.json');
    const loader = createDocumentLoader({ documents: { [oidf.id]: oidf } });
    await expect(loader(`${oidf.id}#nope`)).rejects.toMatchObject({ name: 'NotFoundError' });
  });

  it('rejects bad arguments with TypeErrors', async () => {
    expect(() => createDocumentLoader({ documents: 'x' as unknown as Record<string, object> })).toThrow(TypeError);
    expect(() => createDocumentLoader({ documents: { 'https://a.example': 'x' as unknown as object } })).toThrow(TypeError);
    await expect(documentLoader('' as string)).rejects.toThrow(TypeError);
  });
});

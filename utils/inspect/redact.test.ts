import { describe, expect, it } from 'vitest';
import { REDACTED, redactBody, redactHeaders } from './redact';

describe('redaction', () => {
  it('replaces secret header values whatever their case, keeps the rest', () => {
    expect(redactHeaders({ headers: { Authorization: 'Bearer x', 'PROXY-AUTHORIZATION': 'y', Cookie: 'c', accept: 'application/json' } }))
      .toEqual({ Authorization: REDACTED, 'PROXY-AUTHORIZATION': REDACTED, Cookie: REDACTED, accept: 'application/json' });
    expect(redactHeaders({ headers: null })).toEqual({});
  });

  it('removes private key material at any depth and keeps public material', () => {
    const body = {
      keys: [{ publicKeyMultibase: 'zPub', secretKeyMultibase: 'zSec', privateKeyMultibase: 'zPriv' }],
      jwk: { kty: 'OKP', crv: 'Ed25519', x: 'pub', d: 'priv' },
      notJwk: { d: 'a field called d' },
      seed: 'abc', privateKey: { anything: 1 },
      credential: { id: 'urn:x', credentialSubject: { secretary: 'Ada', private_key: 'k' } },
    };
    const out = redactBody({ value: body }) as any;
    expect(out.keys[0]).toEqual({ publicKeyMultibase: 'zPub', secretKeyMultibase: REDACTED, privateKeyMultibase: REDACTED });
    expect(out.jwk).toEqual({ kty: 'OKP', crv: 'Ed25519', x: 'pub', d: REDACTED });
    expect(out.notJwk).toEqual({ d: 'a field called d' });
    expect(out.seed).toBe(REDACTED);
    expect(out.privateKey).toBe(REDACTED);
    expect(out.credential.credentialSubject).toEqual({ secretary: 'Ada', private_key: REDACTED });
    expect(JSON.stringify(out)).not.toMatch(/zSec|zPriv|"priv"|abc/);
  });

  it('makes anything JSON-safe: cycles, functions, non-finite numbers, bigint', () => {
    const a: any = { n: NaN, big: 10n, f: () => 1, list: [undefined, 1] };
    a.self = a;
    expect(redactBody({ value: a })).toEqual({ n: 'NaN', big: '10', list: [null, 1], self: '[circular]' });
  });
});

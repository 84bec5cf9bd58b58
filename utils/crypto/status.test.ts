import { describe, expect, it, beforeAll } from 'vitest';
import { createCredential as createBitstringCredential, createList as createBitstringList } from '@digitalbazaar/vc-bitstring-status-list';
import { createCredential as create2021Credential, createList as create2021List } from '@digitalbazaar/vc-status-list';
import { issueCredential } from './sign';
import { checkCredentialStatus, type LoadStatusList } from './status';
import { testKeys } from './testing';
import type { WalletKey } from './keys';

const LIST_URL = 'https://issuer.example/status/1';
const LIST_2021_URL = 'https://issuer.example/status/2021';
const SUSPENSION_URL = 'https://issuer.example/status/suspension';
const DI_V2 = 'https://w3id.org/security/data-integrity/v2';

let issuerKey: WalletKey;
let otherKey: WalletKey;
const lists = new Map<string, unknown>();
const loadStatusList: LoadStatusList = async ({ url }) => {
  if (!lists.has(url)) throw Object.assign(new Error(`${url} is unreachable.`), { name: 'NetworkError' });
  return structuredClone(lists.get(url));
};

async function bitstringList({ url, purpose, set, key }: { url: string; purpose: string; set: number[]; key: WalletKey }) {
  const list = await createBitstringList({ length: 131072 });
  for (const i of set) list.setStatus(i, true);
  const credential = await createBitstringCredential({ id: url, list, statusPurpose: purpose });
  return issueCredential({ credential: { ...credential, issuer: key.did, validFrom: '2026-01-01T00:00:00Z' }, key });
}

function entry(index: number, purpose = 'revocation', url = LIST_URL) {
  return { id: `${url}#${index}`, type: 'BitstringStatusListEntry', statusPurpose: purpose, statusListIndex: String(index), statusListCredential: url };
}

async function credentialWith(credentialStatus: unknown, key = issuerKey) {
  return issueCredential({
    credential: {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiableCredential'],
      issuer: key.did,
      validFrom: '2026-01-01T00:00:00Z',
      credentialSubject: { id: 'did:example:holder', name: 'Walnut chair' },
      credentialStatus,
    },
    key,
  });
}

beforeAll(async () => {
  ({ serverKey: issuerKey, otherKey } = await testKeys());
  lists.set(LIST_URL, await bitstringList({ url: LIST_URL, purpose: 'revocation', set: [7], key: issuerKey }));
  lists.set(SUSPENSION_URL, await bitstringList({ url: SUSPENSION_URL, purpose: 'suspension', set: [3], key: issuerKey }));
  const list2021 = await create2021List({ length: 100000 });
  list2021.setStatus(11, true);
  const vc2021 = await create2021Credential({ id: LIST_2021_URL, list: list2021, statusPurpose: 'revocation' });
  vc2021['@context'].push(DI_V2);
  lists.set(LIST_2021_URL, await issueCredential({ credential: { ...vc2021, issuer: issuerKey.did, issuanceDate: '2026-01-01T00:00:00Z' }, key: issuerKey }));
}, 60_000);

describe('checkCredentialStatus', () => {
  it('says none when the credential names no status, without loading anything', async () => {
    const result = await checkCredentialStatus({ credential: { type: ['VerifiableCredential'] }, loadStatusList: () => Promise.reject(new Error('no')) });
    expect(result.state).toBe('none');
  });

  it('reads a Bitstring revocation bit: clear is valid, set is revoked', async () => {
    const good = await checkCredentialStatus({ credential: await credentialWith(entry(6)), loadStatusList });
    expect(good.state).toBe('valid');
    expect(good.entries[0]).toMatchObject({ type: 'BitstringStatusListEntry', purpose: 'revocation', index: 6, set: false });
    const revoked = await checkCredentialStatus({ credential: await credentialWith(entry(7)), loadStatusList });
    expect(revoked.state).toBe('revoked');
    expect(revoked.entries[0].set).toBe(true);
  });

  it('reads revocation and suspension entries together; a suspended one is suspended, not revoked', async () => {
    const credential = await credentialWith([entry(6), entry(3, 'suspension', SUSPENSION_URL)]);
    const result = await checkCredentialStatus({ credential, loadStatusList });
    expect(result.state).toBe('suspended');
    expect(result.entries.map((e) => [e.purpose, e.set])).toEqual([['revocation', false], ['suspension', true]]);
  });

  it('reads StatusList2021 entries (VC 1.1)', async () => {
    const credential2021 = (index: number) => issueCredential({
      credential: {
        '@context': ['https://www.w3.org/2018/credentials/v1', 'https://w3id.org/vc/status-list/2021/v1', DI_V2],
        type: ['VerifiableCredential'],
        issuer: issuerKey.did,
        issuanceDate: '2026-01-01T00:00:00Z',
        credentialSubject: { id: 'did:example:holder' },
        credentialStatus: { id: `${LIST_2021_URL}#${index}`, type: 'StatusList2021Entry', statusPurpose: 'revocation', statusListIndex: String(index), statusListCredential: LIST_2021_URL },
      },
      key: issuerKey,
    });
    expect((await checkCredentialStatus({ credential: await credential2021(10), loadStatusList })).state).toBe('valid');
    expect((await checkCredentialStatus({ credential: await credential2021(11), loadStatusList })).state).toBe('revoked');
  });

  it('is unknown (never valid) when the list cannot be loaded, and says why', async () => {
    const credential = await credentialWith(entry(6, 'revocation', 'https://issuer.example/status/gone'));
    const result = await checkCredentialStatus({ credential, loadStatusList });
    expect(result.state).toBe('unknown');
    expect(result.entries[0].error).toMatchObject({ name: 'NetworkError' });
    expect(result.entries[0].error?.message).toMatch(/unreachable/);
  });

  it('is unknown when the status list credential does not verify (tampered bits)', async () => {
    const tampered = structuredClone(lists.get(LIST_URL)) as { credentialSubject: { encodedList: string } };
    const clean = await createBitstringList({ length: 131072 });
    tampered.credentialSubject.encodedList = await clean.encode(); // clears the revocation of index 7
    const url = 'https://issuer.example/status/tampered';
    lists.set(url, { ...tampered, id: url });
    const result = await checkCredentialStatus({ credential: await credentialWith(entry(7, 'revocation', url)), loadStatusList });
    expect(result.state).toBe('unknown');
    expect(result.entries[0].error?.message).toMatch(/does not verify/);
  });

  it('is unknown when the list was signed by someone other than the credential\'s issuer', async () => {
    const url = 'https://other.example/status/1';
    lists.set(url, await bitstringList({ url, purpose: 'revocation', set: [], key: otherKey }));
    const result = await checkCredentialStatus({ credential: await credentialWith(entry(1, 'revocation', url)), loadStatusList });
    expect(result.state).toBe('unknown');
    expect(result.entries[0].error?.message).toMatch(/[Ii]ssuers/);
  });

  it('is unknown for a status type it does not support or a purpose that does not match the list', async () => {
    const other = await checkCredentialStatus({
      credential: { credentialStatus: { type: 'RevocationList2020Status', statusListCredential: LIST_URL } },
      loadStatusList,
    });
    expect(other.state).toBe('unknown');
    expect(other.entries[0].error?.name).toBe('NotSupportedError');
    const mismatch = await checkCredentialStatus({ credential: await credentialWith(entry(3, 'suspension', LIST_URL)), loadStatusList });
    expect(mismatch.state).toBe('unknown');
    expect(mismatch.entries[0].error?.message).toMatch(/status purpose/);
  });

  it('loads a list once for several entries that share it', async () => {
    let loads = 0;
    const counting: LoadStatusList = async (options) => {
      loads++;
      return loadStatusList(options);
    };
    await checkCredentialStatus({ credential: await credentialWith([entry(1), entry(2)]), loadStatusList: counting });
    expect(loads).toBe(1);
  });
});

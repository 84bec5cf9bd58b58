// @vitest-environment happy-dom
// Every kind of approval opens with one plain sentence that names the site; the technical
// detail (DID, suite, challenge, domain, queries) sits one click away.
import { mount } from '@vue/test-utils';
import { describe, expect, test } from 'vitest';
import type { ApprovalView, QueryView } from '../utils/messaging';
import ApprovalSentence from './ApprovalSentence.vue';
import { approveLabel, progressLine } from '../utils/messaging/approval-sentence';
import TechnicalDetails from './TechnicalDetails.vue';

const shop = { exchangeOrigin: 'https://shop.example', source: 'paste' as const };
const base = { id: 'a', exchangeId: 'x', status: 'pending' as const, createdAt: '' };
const didAuth: QueryView = { key: '0', index: 0, type: 'DIDAuthentication', summary: 'Prove that you control a DID (did:key)', required: true, supported: true, candidates: [] };
const bagQuery = (fits: boolean): QueryView => ({
  key: '1.0', index: 1, type: 'QueryByExample', summary: 'A ProductAuthenticityCredential', required: true, supported: true,
  candidates: [{ credentialId: 'c1', name: 'Product authenticity', fits, reasons: [] }],
});
const offer = (index: number, name: string, about?: string) => ({
  index, storable: true, preselected: true,
  summary: { name, types: ['VerifiableCredential'], issuer: { id: 'did:key:z6MkShop' }, ...(about ? { about } : {}) },
  verification: { verified: true, validity: 'valid' as const, errors: [], warnings: [], checkedAt: '' },
});

const sentence = (approval: ApprovalView) => mount(ApprovalSentence, { props: { approval } }).get('[data-testid="approval-sentence"]').text();

describe('the approval sentence', () => {
  test('DID authentication: "… wants to confirm this wallet is yours"', () => {
    expect(sentence({ ...base, kind: 'present', requester: shop, queries: [didAuth] })).toBe('shop.example wants to confirm this wallet is yours.');
  });

  test('a credential that fits: "… wants to see your Product authenticity credential", naming the page that asked', () => {
    const requester = { exchangeOrigin: 'https://verifier-api.example', pageOrigin: 'https://verifier.example:8443', source: 'chapi' as const };
    expect(sentence({ ...base, kind: 'present', requester, queries: [didAuth, bagQuery(true)] }))
      .toBe('verifier.example:8443 wants to see your Product authenticity credential.');
  });

  test('nothing fits: says the wallet does not have it', () => {
    expect(sentence({ ...base, kind: 'present', requester: shop, queries: [bagQuery(false)] }))
      .toBe('shop.example asks for a credential this wallet does not have.');
  });

  test('an offer: "… offers you a credential: Product authenticity for HB-2026-0042"; several are listed', () => {
    expect(sentence({ ...base, kind: 'accept', requester: shop, offered: [offer(0, 'Product authenticity', 'HB-2026-0042')] }))
      .toBe('shop.example offers you a credential: Product authenticity for HB-2026-0042.');
    expect(sentence({ ...base, kind: 'accept', requester: shop, offered: [offer(0, 'Product authenticity', 'HB-1'), offer(1, 'Warranty'), offer(2, 'Receipt')] }))
      .toBe('shop.example offers you 3 credentials: Product authenticity for HB-1, Warranty and Receipt.');
  });

  test('an OpenID4VCI PIN: asks for the code, naming the issuer (its display name when it has one)', () => {
    const txCode = { inputMode: 'numeric' as const, length: 6, issuer: 'https://issuer.example:8443/x' };
    expect(sentence({ ...base, kind: 'pin', requester: shop, txCode }))
      .toBe('Enter the code issuer.example:8443 sent you to receive your credential.');
    expect(sentence({ ...base, kind: 'pin', requester: shop, txCode: { ...txCode, issuerName: 'Shop Example' } }))
      .toBe('Enter the code Shop Example sent you to receive your credential.');
  });

  test('a page asking to run an exchange with a service: names both, and says nothing is shared yet', () => {
    const connect: QueryView = { key: '0', index: 0, type: 'VerifiableCredentialApiExchange', summary: 'Start a credential exchange', required: true, supported: true, candidates: [] };
    const requester = { exchangeOrigin: 'https://issuer.example', pageOrigin: 'https://shop.example', source: 'chapi' as const };
    expect(sentence({ ...base, kind: 'present', requester, queries: [connect] }))
      .toBe('shop.example wants this wallet to talk to issuer.example. Nothing is shared yet.');
  });

  test('the technical detail is one click away: DID, suite, challenge, domain, queries', async () => {
    const approval: ApprovalView = {
      ...base, kind: 'present', requester: shop, queries: [didAuth], holderDid: 'did:key:z6MkHolder',
      cryptosuite: 'eddsa-rdfc-2022', challenge: 'c-123', domain: 'https://shop.example',
    };
    const wrapper = mount(TechnicalDetails, { props: { approval } });
    const details = wrapper.get('[data-testid="technical-details"]');
    expect((details.element as HTMLDetailsElement).open).toBe(false);
    expect(details.get('summary').text()).toBe('Technical details');
    expect(wrapper.get('[data-testid="holder-did"]').text()).toBe('did:key:z6MkHolder');
    expect(wrapper.get('[data-testid="cryptosuite"]').text()).toBe('eddsa-rdfc-2022');
    expect(wrapper.get('[data-testid="request-challenge"]').text()).toBe('c-123');
    expect(wrapper.get('[data-testid="request-domain"]').text()).toBe('https://shop.example');
    expect(wrapper.get('[data-testid="query-technical"]').text()).toContain('DIDAuthentication');
    expect(wrapper.get('[data-testid="exchange-origin"]').text()).toBe('https://shop.example');
  });
});

describe('between two steps of one window', () => {
  const connect: QueryView = { key: '0', index: 0, type: 'VerifiableCredentialApiExchange', summary: 'Start a credential exchange', required: true, supported: true, candidates: [] };
  const consent = (status: ApprovalView['status']): ApprovalView => ({
    ...base, status, kind: 'present', queries: [connect],
    requester: { exchangeOrigin: 'https://issuer.example', pageOrigin: 'https://shop.example', source: 'chapi' },
  });

  test('the yes button says what it does: a consent to connect continues, a presentation is sent, an offer is stored', () => {
    expect(approveLabel({ approval: consent('pending') })).toBe('Continue');
    expect(approveLabel({ approval: { ...base, kind: 'present', requester: shop, queries: [didAuth] } })).toBe('Approve and send');
    expect(approveLabel({ approval: { ...base, kind: 'accept', requester: shop, offered: [] } })).toBe('Store selected');
  });

  test('a yes to run an exchange: "Contacting issuer.example…" (the service, not the page)', () => {
    expect(progressLine({ approval: consent('approved') })).toBe('Contacting issuer.example…');
    expect(progressLine({ approval: consent('pending') })).toBeUndefined();
    expect(progressLine({ approval: consent('declined') })).toBeUndefined();
  });

  test('a yes to a step of a running exchange: contacting its service; nothing once it waits or ended', () => {
    const step: ApprovalView = { ...base, status: 'approved', kind: 'present', requester: shop, queries: [didAuth] };
    expect(progressLine({ approval: step, exchange: { status: 'running', exchangeOrigin: 'https://shop.example:8443' } })).toBe('Contacting shop.example:8443…');
    expect(progressLine({ approval: step, exchange: { status: 'complete', exchangeOrigin: 'https://shop.example' } })).toBeUndefined();
    expect(progressLine({ approval: step, exchange: { status: 'awaiting-approval', exchangeOrigin: 'https://shop.example' } })).toBeUndefined();
    // a page's own request the wallet answered itself: nothing follows in this window
    expect(progressLine({ approval: step })).toBeUndefined();
  });
});

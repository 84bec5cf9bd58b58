// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { expect, test } from 'vitest';
import type { ApprovalView } from '../utils/messaging';
import PresentRequest from './PresentRequest.vue';

const requester = { exchangeOrigin: 'https://issuer.example', source: 'paste' as const };

test('a presentation request shows what is asked in plain words, the domain warning and the blockers (the signer is in the technical details)', () => {
  const approval: ApprovalView = {
    id: 'a', exchangeId: 'x', kind: 'present', status: 'pending', createdAt: '', requester,
    holderDid: 'did:key:z6MkWallet', domain: 'elsewhere.example', domainWarning: 'The request is bound to "elsewhere.example".',
    blockers: ['No stored credential fits.'],
    queries: [{ key: '0', index: 0, type: 'DIDAuthentication', summary: 'Prove that you control a DID', required: true, supported: true, candidates: [] }],
  };
  const wrapper = mount(PresentRequest, { props: { approval, selections: {} } });
  expect(wrapper.find('[data-testid="holder-did"]').exists()).toBe(false);
  expect(wrapper.find('[data-testid="present-intro"]').text()).toBe('Approving signs a short proof with this wallet\'s key. Nothing else is shared.');
  expect(wrapper.find('[data-testid="domain-warning"]').text()).toContain('elsewhere.example');
  expect(wrapper.find('[data-testid="blockers"]').text()).toContain('No stored credential fits.');
  expect(wrapper.find('[data-testid="query"]').attributes('data-query-type')).toBe('DIDAuthentication');
});

test('a page\'s request to run an exchange: approving signs nothing yet, and the intro says so', () => {
  const approval: ApprovalView = {
    id: 'a', exchangeId: 'x', kind: 'present', status: 'pending', createdAt: '', requester,
    queries: [{ key: '0', index: 0, type: 'VerifiableCredentialApiExchange', summary: 'Start a credential exchange', required: true, supported: true, candidates: [] }],
  };
  const wrapper = mount(PresentRequest, { props: { approval, selections: {} } });
  expect(wrapper.get('[data-testid="present-intro"]').text()).toMatch(/^Approving lets the wallet contact this service\. Nothing is signed or shared yet/);
  expect(wrapper.get('[data-testid="query-title"]').text()).toBe('Connect to issuer.example');
});

test('a request only the second (P-256) key can answer says so in the intro', () => {
  const approval: ApprovalView = {
    id: 'a', exchangeId: 'x', kind: 'present', status: 'pending', createdAt: '', requester,
    holderDid: 'did:key:zDnaWallet', cryptosuite: 'ecdsa-rdfc-2019',
    queries: [{ key: '0', index: 0, type: 'DIDAuthentication', summary: 'Prove that you control a DID', required: true, supported: true, candidates: [] }],
  };
  const wrapper = mount(PresentRequest, { props: { approval, selections: {} } });
  expect(wrapper.get('[data-testid="present-intro"]').text()).toBe('Approving signs a short proof with this wallet\'s second key (P-256, the only kind this request accepts). Nothing else is shared.');
});

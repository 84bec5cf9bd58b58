// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { expect, test } from 'vitest';
import type { QueryView } from '../utils/messaging';
import QueryCard from './QueryCard.vue';

const requester = { exchangeOrigin: 'https://shop.example', source: 'paste' as const };
const query: QueryView = {
  key: '1.0', index: 1, type: 'QueryByExample', summary: 'a ProductAuthenticityCredential credential',
  reason: 'Prove you own the bag.', required: true, supported: true,
  candidates: [
    { credentialId: 'a', name: 'Bag A', issuer: 'did:key:z6MkA', fits: true, reasons: [] },
    { credentialId: 'b', name: 'Bag B', fits: true, reasons: [] },
    { credentialId: 'c', name: 'Library card', fits: false, reasons: ['it is not a ProductAuthenticityCredential'] },
  ],
};

test('fitting credentials are choices; the others are listed with why they do not fit', async () => {
  const wrapper = mount(QueryCard, { props: { query, selected: ['a'], requester } });
  expect(wrapper.find('[data-testid="query-reason"]').text()).toContain('Prove you own the bag.');
  const boxes = wrapper.findAll('[data-testid="candidate"]');
  expect(boxes).toHaveLength(2);
  expect((boxes[0].element as HTMLInputElement).checked).toBe(true);
  await boxes[1].setValue(true);
  expect(wrapper.emitted('update:selected')?.[0]).toEqual([['a', 'b']]);
  expect(wrapper.find('details').text()).toContain('Library card: it is not a ProductAuthenticityCredential');
});

test('nothing fits: the reason is shown and there is nothing to tick', () => {
  const wrapper = mount(QueryCard, {
    props: { query: { ...query, candidates: [], noMatch: 'No stored credential is a ProductAuthenticityCredential.' }, selected: [], requester },
  });
  expect(wrapper.findAll('[data-testid="candidate"]')).toHaveLength(0);
  expect(wrapper.find('[data-testid="query-no-match"]').text()).toContain('No stored credential');
});

test('a DID authentication reads plainly: no DID method or proof suite on the card (they are in the approval\'s technical details)', () => {
  const didAuth: QueryView = {
    key: '0', index: 0, type: 'DIDAuthentication', required: true, supported: true, candidates: [],
    summary: 'Prove that you control a DID (did:key) with a eddsa-rdfc-2022 or Ed25519Signature2020 signature; did:key:z6MkW will sign',
  };
  const wrapper = mount(QueryCard, { props: { query: didAuth, selected: [], requester } });
  expect(wrapper.get('[data-testid="query-title"]').text()).toBe('Confirm this wallet is yours');
  expect(wrapper.text()).not.toMatch(/did:key|eddsa|Ed25519|DID/);
});

test('a page\'s request to run an exchange names the service in plain words', () => {
  const connect: QueryView = {
    key: '0', index: 0, type: 'VerifiableCredentialApiExchange', required: true, supported: true, candidates: [],
    summary: 'Start a credential exchange with https://issuer.example (interact.service).',
  };
  const wrapper = mount(QueryCard, { props: { query: connect, selected: [], requester: { ...requester, exchangeOrigin: 'https://issuer.example' } } });
  expect(wrapper.get('[data-testid="query-title"]').text()).toBe('Connect to issuer.example');
  expect(wrapper.text()).not.toContain('interact.service');
});

test('a credential query keeps its own words as its title', () => {
  const wrapper = mount(QueryCard, { props: { query, selected: [], requester } });
  expect(wrapper.get('[data-testid="query-title"]').text()).toBe('a ProductAuthenticityCredential credential');
});

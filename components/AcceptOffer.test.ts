// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { expect, test } from 'vitest';
import type { ApprovalView } from '../utils/messaging';
import AcceptOffer from './AcceptOffer.vue';

const requester = { exchangeOrigin: 'https://issuer.example', source: 'paste' as const };
const summary = { name: 'Product authenticity', types: ['VerifiableCredential', 'ProductAuthenticityCredential'], issuer: { id: 'did:key:z6MkIssuer' } };

test('an offer that failed verification cannot be ticked and says why', () => {
  const approval: ApprovalView = {
    id: 'a', exchangeId: 'x', kind: 'accept', status: 'pending', createdAt: '', requester,
    offered: [
      { index: 0, summary, storable: true, preselected: true, verification: { verified: true, validity: 'valid', errors: [], warnings: [], checkedAt: '' } },
      {
        index: 1, summary, storable: false, preselected: false, problem: 'Not stored: the signature does not match.',
        verification: { verified: false, validity: 'valid', errors: [{ name: 'DataError', message: 'the signature does not match.' }], warnings: [], checkedAt: '' },
      },
    ],
  };
  const wrapper = mount(AcceptOffer, { props: { approval, accepted: [0] } });
  const boxes = wrapper.findAll('[data-testid="offer-accept"]');
  expect((boxes[0].element as HTMLInputElement).checked).toBe(true);
  expect((boxes[1].element as HTMLInputElement).disabled).toBe(true);
  expect(wrapper.find('[data-testid="offer-problem"]').text()).toContain('signature does not match');
  expect(wrapper.findAll('[data-testid="verification"]')[1].attributes('data-verified')).toBe('false');
});

test('a revoked offer shows its card marked revoked and is not ticked', () => {
  const approval: ApprovalView = {
    id: 'a', exchangeId: 'x', kind: 'accept', status: 'pending', createdAt: '', requester,
    offered: [{
      index: 0, summary, storable: true, preselected: false,
      verification: { verified: true, validity: 'valid', errors: [], warnings: ['Revoked by its issuer.'], checkedAt: '' },
      status: { state: 'revoked', checkedAt: '', summary: 'Revoked by its issuer', details: [] },
      card: { facts: { title: 'Product authenticity', issuer: { id: 'did:key:z6MkIssuer' }, facts: [] } },
    }],
  };
  const wrapper = mount(AcceptOffer, { props: { approval, accepted: [] } });
  expect(wrapper.get('[data-testid="offered-credential"]').attributes('data-status')).toBe('revoked');
  expect(wrapper.get('[data-testid="badge-status"]').text()).toBe('Revoked');
  expect((wrapper.get('[data-testid="offer-accept"]').element as HTMLInputElement).checked).toBe(false);
  expect(wrapper.text()).toContain('Keep it anyway');
});

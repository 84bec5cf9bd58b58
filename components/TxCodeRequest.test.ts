// @vitest-environment happy-dom
// The PIN approval: the issuer's words, the expected length, how much is typed; the protocol detail
// sits in the approval's technical details.
import { mount } from '@vue/test-utils';
import { expect, test } from 'vitest';
import type { ApprovalView } from '../utils/messaging';
import TxCodeRequest from './TxCodeRequest.vue';
import TechnicalDetails from './TechnicalDetails.vue';

const approval: ApprovalView = {
  id: 'x.1.pin', exchangeId: 'x', kind: 'pin', status: 'pending', createdAt: '',
  requester: { exchangeOrigin: 'https://issuer.example', source: 'paste' },
  txCode: { inputMode: 'numeric', length: 6, description: 'The 6-digit code in your receipt e-mail', issuer: 'https://issuer.example/oid4vci', issuerName: 'Shop Example' },
};

test('names the issuer, shows its description, counts the digits typed and emits the code trimmed', async () => {
  const wrapper = mount(TxCodeRequest, { props: { approval, modelValue: '4938' } });
  expect(wrapper.text().replace(/\s+/g, ' ')).toContain('Shop Example wants to give you a credential. It sent you a code of 6 digits to type here.');
  expect(wrapper.get('[data-testid="tx-code-description"]').text()).toBe('The 6-digit code in your receipt e-mail');
  expect(wrapper.get('[data-testid="tx-code-count"]').text()).toBe('4 of 6 digits');
  const input = wrapper.get('[data-testid="tx-code-input"]');
  expect(input.attributes()).toMatchObject({ inputmode: 'numeric', maxlength: '6', autocomplete: 'one-time-code' });
  await input.setValue(' 493817 ');
  expect(wrapper.emitted('update:modelValue')?.at(-1)).toEqual(['493817']);
  expect(wrapper.text()).not.toMatch(/tx_code|OpenID4VCI/); // the protocol is one click away
});

test('a letter in a numeric code is pointed out', () => {
  const wrapper = mount(TxCodeRequest, { props: { approval, modelValue: '49a' } });
  expect(wrapper.get('[data-testid="tx-code-count"]').text()).toBe('The code has digits only.');
  expect(wrapper.get('[data-testid="tx-code-count"]').classes()).toContain('warning');
});

test('the technical details name the protocol and the issuer URL', () => {
  const wrapper = mount(TechnicalDetails, { props: { approval } });
  expect(wrapper.get('[data-testid="tx-code-protocol"]').text()).toBe('OpenID4VCI pre-authorized code offer with a transaction code (tx_code, numeric, 6 long)');
  expect(wrapper.text()).toContain('https://issuer.example/oid4vci');
});

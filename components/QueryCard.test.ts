// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { expect, test } from 'vitest';
import type { QueryView } from '../utils/messaging';
import QueryCard from './QueryCard.vue';

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
  const wrapper = mount(QueryCard, { props: { query, selected: ['a'] } });
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
    props: { query: { ...query, candidates: [], noMatch: 'No stored credential is a ProductAuthenticityCredential.' }, selected: [] },
  });
  expect(wrapper.findAll('[data-testid="candidate"]')).toHaveLength(0);
  expect(wrapper.find('[data-testid="query-no-match"]').text()).toContain('No stored credential');
});

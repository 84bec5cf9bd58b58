// @vitest-environment happy-dom
// @vitest-environment-options {"settings": {"fetch": {"disableSameOriginPolicy": true}}}
import { mount } from '@vue/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WalletKey } from '../../utils/crypto';
import { realRun, startService, type RealRun } from '../../utils/inspect/test-support';
import type { WorkflowService } from '../../workflow-service';
import ExchangeDetail from './ExchangeDetail.vue';
import JsonTree from './JsonTree.vue';

let service: WorkflowService;
let key: WalletKey;
let run: RealRun;
let refused: RealRun;
beforeAll(async () => {
  ({ service, key } = await startService());
  run = await realRun({ service, key });
  refused = await realRun({ service, key, reuse: run.exchangeUrl });
});
afterAll(async () => { await service?.close(); });

const props = (r: RealRun) => ({ exchange: r.exchange, messages: r.messages, approvals: [], credentials: [] });

describe('ExchangeDetail', () => {
  it('shows every message with method, status and duration, the request explained, the VP and the credential', async () => {
    const wrapper = mount(ExchangeDetail, { props: props(run) });
    const rows = wrapper.findAll('[data-testid="message-row"]');
    expect(rows.map((r) => `${r.find('[data-testid="message-method"]').text()} ${r.find('[data-testid="message-status"]').text()}`))
      .toEqual(['GET 200', 'POST 200', 'POST 200']);
    for (const d of wrapper.findAll('[data-testid="message-duration"]')) expect(d.text()).toMatch(/^\d+ ms$/);
    expect(wrapper.find('[data-testid="query-explanation"]').attributes('data-type')).toBe('DIDAuthentication');
    expect(wrapper.find('[data-testid="sent-presentation"]').text()).toContain(key.did);
    expect(wrapper.find('[data-testid="received-credential"]').text()).toContain('ProductAuthenticityCredential');
    // verification runs in the page and lands later
    await expect.poll(() => wrapper.find('[data-testid="credential-verified"]').attributes('data-verified'), { timeout: 10_000 }).toBe('true');
    await expect.poll(() => wrapper.find('[data-testid="sent-verified"]').attributes('data-verified'), { timeout: 10_000 }).toBe('true');
    // bodies appear only when a message is opened
    expect(wrapper.find('[data-testid="request-body"]').exists()).toBe(false);
    await rows[2].find('.msg-line').trigger('click');
    expect(wrapper.find('[data-testid="request-body"]').text()).toContain('verifiablePresentation');
    await wrapper.find('[data-testid="export-har"]').trigger('click');
    expect(wrapper.emitted('exportHar')).toHaveLength(1);
  });

  it('a refusal shows the error with the server\'s own body', () => {
    const wrapper = mount(ExchangeDetail, { props: props(refused) });
    expect(wrapper.find('[data-testid="detail-status"]').text()).toBe('failed');
    expect(wrapper.find('[data-testid="detail-error"]').text()).toMatch(/NotAllowedError.*403/s);
    expect(wrapper.find('[data-testid="error-body"]').text()).toContain('Exchange is complete.');
    expect(wrapper.findAll('[data-testid="message-status"]').map((s) => s.text())).toEqual(['200', '403']);
  });

  it('a POST still waiting for its reply shows as in flight, until its message is recorded', () => {
    const inFlight = { seq: 2, method: 'POST' as const, url: run.exchangeUrl, startedAt: '2026-01-01T00:00:00.000Z' };
    const waiting = mount(ExchangeDetail, { props: { ...props(run), exchange: { ...run.exchange, status: 'posting', inFlight }, messages: run.messages.slice(0, 2) } });
    expect(waiting.find('[data-testid="message-in-flight"]').attributes('data-seq')).toBe('2');
    expect(waiting.find('[data-testid="detail-phase"]').text()).toMatch(/waiting for the server/);
    const done = mount(ExchangeDetail, { props: { ...props(run), exchange: { ...run.exchange, inFlight } } });
    expect(done.find('[data-testid="message-in-flight"]').exists()).toBe(false);
    expect(done.find('[data-testid="detail-source"]').text()).toContain('pasted URL');
  });

  it('never shows a secret that reached a stored message', async () => {
    const leaky = { ...run.messages[1], requestHeaders: { Authorization: 'Bearer s3cret' }, requestBody: { privateKeyMultibase: 'zSECRET' } };
    const wrapper = mount(ExchangeDetail, { props: { ...props(run), messages: [leaky] } });
    await wrapper.find('.msg-line').trigger('click');
    expect(wrapper.text()).not.toMatch(/s3cret|zSECRET/);
    expect(wrapper.text()).toContain('[redacted]');
  });
});

describe('JsonTree', () => {
  it('folds deep levels and opens them on click', async () => {
    const wrapper = mount(JsonTree, { props: { value: { a: { b: { c: { d: 1 } } } }, openDepth: 2 } });
    expect(wrapper.text()).not.toContain('"c"');
    expect(wrapper.text()).toContain('… 1 key');
    await wrapper.find('.j-fold').trigger('click');
    expect(wrapper.text()).toContain('"c": {… 1 key}');
    await wrapper.find('.j-fold').trigger('click');
    expect(wrapper.text()).toContain('"d": 1');
    await wrapper.findAll('[data-testid="json-toggle"]')[1].trigger('click');
    expect(wrapper.text()).toContain('"a": {… 1 key}');
  });
});

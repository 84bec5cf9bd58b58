// A page on a public origin may not send the wallet into the user's network; a loopback page may.
import { describe, expect, test } from 'vitest';
import { createChapiRequests } from './chapi/chapi-requests';
import { createTestContext } from './chapi/testing';
import { checkPageExchangeUrl, mayReachLocalNetwork } from './local-network';

const exchangeGet = (url: string) => ({
  VerifiablePresentation: { query: { type: 'DIDAuthentication' }, interact: { service: [{ type: 'VerifiableCredentialApiExchangeService', serviceEndpoint: url }] } },
});

describe('local network scope of page-started exchanges', () => {
  test('only a loopback page (or the wallet itself) may reach loopback / private addresses', () => {
    expect(mayReachLocalNetwork({})).toBe(true);
    expect(mayReachLocalNetwork({ pageOrigin: 'http://127.0.0.1:8080' })).toBe(true);
    expect(mayReachLocalNetwork({ pageOrigin: 'http://localhost:3000' })).toBe(true);
    expect(mayReachLocalNetwork({ pageOrigin: 'https://shop.example' })).toBe(false);
    expect(mayReachLocalNetwork({ pageOrigin: 'https://192.168.1.20' })).toBe(false);
    for (const url of ['http://127.0.0.1:4100/x', 'https://10.0.0.5/x', 'https://[::1]:4100/x']) {
      expect(() => checkPageExchangeUrl({ url, pageOrigin: 'https://shop.example' })).toThrow(expect.objectContaining({ name: 'NotAllowedError' }));
      expect(() => checkPageExchangeUrl({ url, pageOrigin: 'http://127.0.0.1:9000' })).not.toThrow();
    }
    expect(() => checkPageExchangeUrl({ url: 'https://issuer.example/x', pageOrigin: 'https://shop.example' })).not.toThrow();
  });

  test('CHAPI get() from an https page naming a 127.0.0.1 exchange: NotAllowedError, no window, nothing started', async () => {
    const t = await createTestContext();
    const started: unknown[] = [];
    const requests = createChapiRequests({
      ctx: t.ctx,
      exchanges: { start: async (input) => { started.push(input); throw new Error('must not start'); }, get: () => Promise.reject(new Error('no')) },
    });
    const frame = { tabId: 7, frameId: 0, origin: 'https://shop.example' };
    await expect(requests.get({ frame, web: exchangeGet('http://127.0.0.1:4100/workflows/w/exchanges/1'), signal: new AbortController().signal }))
      .rejects.toMatchObject({ name: 'NotAllowedError', expose: true, message: expect.stringContaining('local network') });
    expect(t.shown).toEqual([]);
    expect(started).toEqual([]);
    expect(await t.db.approvals.listPending()).toEqual([]);
  });
});

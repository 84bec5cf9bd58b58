// HTTP redirects are followed by hand and every hop is checked against the URL policy BEFORE it
// is contacted: a real local server redirects to a refused host (plain http on 0.0.0.0, which
// Linux routes to this machine — a second local server that must see nothing).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkEndpointUrl, createExchange, isPrivateNetworkHost, runExchange } from './index';
import { startScriptedServer, type ScriptedServer } from './test-support/scripted-server';

let front: ScriptedServer; // the interaction URL's server
let refused: ScriptedServer; // reachable, but only under a URL the policy refuses
beforeAll(async () => { [front, refused] = await Promise.all([startScriptedServer(), startScriptedServer()]); });
afterAll(async () => { await Promise.all([front.close(), refused.close()]); });

const refusedUrl = (path: string) => `http://0.0.0.0:${new URL(refused.url).port}${path}`;
const decline = async () => null;

describe('HTTP redirects during discovery', () => {
  it('a redirect to a refused host is a NotAllowedError and the host is never contacted', async () => {
    refused.routes.set('GET /target', (req, self) => ({ json: { protocols: { vcapi: `${self.url}/x` } } }));
    front.routes.set('GET /to-refused', () => ({ status: 302, headers: { location: refusedUrl('/target?iuv=1') } }));
    const result = await runExchange({ interactionUrl: `${front.url}/to-refused?iuv=1`, answer: decline });
    expect(result.event).toMatchObject({ type: 'failed', error: { name: 'NotAllowedError', message: expect.stringContaining('plain http') } });
    expect(refused.seen).toEqual([]);
  });

  it('a chain whose second hop is refused stops before that hop', async () => {
    front.routes.set('GET /hop1', () => ({ status: 307, headers: { location: '/hop2?iuv=1' } }));
    front.routes.set('GET /hop2', () => ({ status: 301, headers: { location: refusedUrl('/target?iuv=1') } }));
    const result = await runExchange({ interactionUrl: `${front.url}/hop1?iuv=1`, answer: decline });
    expect(result.event).toMatchObject({ type: 'failed', error: { name: 'NotAllowedError' } });
    expect(front.seen.map((s) => s.path)).toEqual(expect.arrayContaining(['/hop1?iuv=1', '/hop2?iuv=1']));
    expect(refused.seen).toEqual([]);
  });

  it('an allowed redirect is followed (each hop checked) and the exchange runs', async () => {
    front.routes.set('GET /moved', () => ({ status: 302, headers: { location: '/here?iuv=1' } }));
    front.routes.set('GET /here', (req, self) => ({ json: { protocols: { vcapi: `${self.url}/ok-exchange` } } }));
    front.routes.set('POST /ok-exchange', () => ({ json: {} }));
    const result = await runExchange({ interactionUrl: `${front.url}/moved?iuv=1`, answer: decline });
    expect(result.event.type).toBe('complete');
  });

  it('a redirect loop is a RedirectLimitError', async () => {
    front.routes.set('GET /loop', () => ({ status: 302, headers: { location: '/loop?iuv=1' } }));
    const result = await runExchange({ interactionUrl: `${front.url}/loop?iuv=1`, answer: decline });
    expect(result.event).toMatchObject({ type: 'failed', error: { name: 'RedirectLimitError' } });
  });

  it('a POST that redirects is refused, not re-sent', async () => {
    refused.seen.length = 0;
    front.routes.set('GET /post-redirect', (req, self) => ({ json: { protocols: { vcapi: `${self.url}/bouncing` } } }));
    front.routes.set('POST /bouncing', () => ({ status: 307, headers: { location: refusedUrl('/x') } }));
    const result = await runExchange({ interactionUrl: `${front.url}/post-redirect?iuv=1`, answer: decline });
    expect(result.event).toMatchObject({ type: 'failed', error: { name: 'NetworkError' } });
    expect(refused.seen).toEqual([]);
  });
});

describe('the local-network scope of an exchange a public page started', () => {
  it('names loopback, private, link-local and unspecified hosts', () => {
    for (const host of ['127.0.0.1', 'localhost', '[::1]', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.1.1', '0.0.0.0', '100.64.0.1', '[fd00::1]', '[fe80::1]', '[::ffff:c0a8:101]', 'printer.local']) {
      expect(isPrivateNetworkHost({ hostname: host }), host).toBe(true);
    }
    for (const host of ['8.8.8.8', '172.32.0.1', '192.169.0.1', 'shop.example', '[2001:db8::1]', '[::ffff:808:808]']) {
      expect(isPrivateNetworkHost({ hostname: host }), host).toBe(false);
    }
  });

  it('privateNetwork: false refuses such URLs with NotAllowedError (https too), and allows public ones', () => {
    for (const url of ['http://127.0.0.1:4100/x', 'https://192.168.1.1/x', 'https://[::1]/x', 'https://10.0.0.2/x']) {
      expect(() => checkEndpointUrl({ url, privateNetwork: false })).toThrow(expect.objectContaining({ name: 'NotAllowedError' }));
      expect(() => createExchange({ exchangeUrl: url, privateNetwork: false })).toThrow(expect.objectContaining({ name: 'NotAllowedError' }));
    }
    expect(createExchange({ exchangeUrl: 'https://shop.example/x', privateNetwork: false }).privateNetwork).toBe(false);
    expect(createExchange({ exchangeUrl: 'http://127.0.0.1:4100/x' }).privateNetwork).toBeUndefined();
  });
});

// Caps on what a server's presentation request may ask the wallet to sign: an 8 MB challenge, a
// huge domain or query is a DataError before anyone is asked, and nothing is signed or posted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runExchange } from './index';
import { startScriptedServer, type ScriptedServer } from './test-support/scripted-server';
import { createPresentation, generateDidKey, signPresentation } from '../crypto';
import { MAX_CHALLENGE_CHARS, MAX_REQUEST_QUERIES } from '../request-caps';

let server: ScriptedServer;
beforeAll(async () => { server = await startScriptedServer(); });
afterAll(async () => { await server.close(); });

let counter = 0;
const didAuth = { type: 'DIDAuthentication', acceptedMethods: [{ method: 'key' }] };

async function runAgainst(vpr: Record<string, unknown>) {
  const p = `/caps${++counter}`;
  const exchangeUrl = `${server.url}${p}/x`;
  server.routes.set(`GET ${p}/i`, () => ({ json: { protocols: { vcapi: exchangeUrl } } }));
  server.routes.set(`POST ${p}/x`, () => ({ json: { verifiablePresentationRequest: vpr } }));
  let asked = 0;
  const result = await runExchange({ interactionUrl: `${server.url}${p}/i?iuv=1`, answer: async () => { asked++; return null; } });
  const posts = server.seen.filter((s) => s.path === `${p}/x`).map((s) => s.body);
  return { result, asked, posts };
}

describe('presentation request caps', () => {
  const cases: [string, Record<string, unknown>, RegExp][] = [
    ['an 8 MB challenge', { query: [didAuth], challenge: 'c'.repeat(8 * 1024 * 1024) }, /challenge of 8388608 characters; at most 2048/],
    ['a challenge one past the cap', { query: [didAuth], challenge: 'c'.repeat(MAX_CHALLENGE_CHARS + 1) }, /challenge of 2049 characters/],
    ['a challenge that is a number', { query: [didAuth], challenge: 42 }, /challenge that is not a string/],
    ['a 1 MB domain', { query: [didAuth], challenge: 'c', domain: `https://${'d'.repeat(1024 * 1024)}.example` }, /domain of \d+ characters; at most 2048/],
    ['51 queries', { query: Array.from({ length: MAX_REQUEST_QUERIES + 1 }, () => didAuth), challenge: 'c' }, /51 queries; at most 50/],
    ['a 300 KB query', { query: [{ ...didAuth, note: 'q'.repeat(300 * 1024) }], challenge: 'c' }, /query of \d+ characters; at most 262144/],
  ];
  for (const [label, vpr, message] of cases) {
    it(`${label} is a DataError: the user is not asked and nothing is signed or posted`, async () => {
      const { result, asked, posts } = await runAgainst(vpr);
      expect(result.event).toMatchObject({ type: 'failed', error: { name: 'DataError', message: expect.stringMatching(message) } });
      expect(asked).toBe(0);
      expect(posts).toEqual([{}]);
    });
  }

  it('a request at the caps is still asked', async () => {
    const { result, asked } = await runAgainst({ query: [didAuth], challenge: 'c'.repeat(MAX_CHALLENGE_CHARS), domain: 'https://shop.example' });
    expect(asked).toBe(1);
    expect(result.event.type).toBe('declined');
  });

  it('the signer refuses an oversized challenge or domain itself', async () => {
    const key = await generateDidKey();
    const presentation = createPresentation({ holder: key.did });
    await expect(signPresentation({ presentation, key, challenge: 'c'.repeat(8 * 1024 * 1024) })).rejects.toMatchObject({ name: 'DataError' });
    await expect(signPresentation({ presentation, key, challenge: 'c', domain: 'd'.repeat(MAX_CHALLENGE_CHARS + 1) })).rejects.toMatchObject({ name: 'DataError' });
  });
});

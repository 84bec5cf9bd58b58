// The worker stopped while a request is in flight: the exchange is saved before every POST, so
// the restarted worker re-sends the lost `{}` (it discloses nothing), records the lost message,
// and the exchange carries on to the approval and completes — one presentation sent, no duplicates.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { verifyPresentation } from '../../utils/crypto';
import { startScriptedServer, type ScriptedServer } from '../../utils/vcalm/test-support/scripted-server';
import { launchWallet, type WalletBrowser } from './support/browser';
import { approvalPage, openPopup, readStore, startFromPopup, stopServiceWorker, walletDid } from './support/wallet-pages';

let wallet: WalletBrowser;
let verifier: ScriptedServer;
let emptyPosts = 0;

beforeAll(async () => {
  [wallet, verifier] = await Promise.all([
    launchWallet(),
    startScriptedServer({
      routes: {
        'GET /i?iuv=1': (_req, self) => ({ json: { protocols: { vcapi: `${self.url}/x` } } }),
        'POST /x': (req, self) => {
          if ((req.body as Record<string, unknown>)?.verifiablePresentation) return { json: {} };
          emptyPosts++;
          // the first {} never gets its reply: the worker is stopped while waiting for it
          if (emptyPosts === 1) return { hang: true };
          return {
            json: {
              verifiablePresentationRequest: {
                query: [{ type: 'DIDAuthentication', acceptedMethods: [{ method: 'key' }] }],
                challenge: 'resume-challenge',
                domain: self.url,
              },
            },
          };
        },
      },
    }),
  ]);
});
afterAll(async () => {
  await wallet?.close();
  await verifier?.close();
});

test('stopped with a POST in flight → the restarted worker re-sends {} once, asks, and completes', async () => {
  const popup = await openPopup(wallet);
  const did = await walletDid(popup);
  await startFromPopup(popup, `${verifier.url}/i?iuv=1`);
  await expect.poll(() => emptyPosts, { timeout: 20_000 }).toBe(1);
  await expect.poll(async () => (await readStore(popup, 'exchanges')).map((e) => e.status)).toEqual(['posting']);

  await stopServiceWorker(wallet, popup);
  // the popup's event port reconnects and wakes a fresh worker, which resumes from IndexedDB
  const present = await approvalPage(wallet, 'present');
  expect(emptyPosts).toBe(2);
  await present.getByTestId('approve').click();

  await expect.poll(async () => (await readStore(popup, 'exchanges'))[0]?.status, { timeout: 20_000 }).toBe('complete');
  const presented = verifier.seen.filter((s) => (s.body as Record<string, unknown>)?.verifiablePresentation);
  expect(presented).toHaveLength(1);
  const vp = (presented[0].body as { verifiablePresentation: unknown }).verifiablePresentation;
  const checked = await verifyPresentation({ presentation: vp, challenge: 'resume-challenge', domain: verifier.url });
  expect(checked).toMatchObject({ verified: true, holder: did });

  const [exchange] = await readStore(popup, 'exchanges');
  const transcript = (await readStore(popup, 'messages')).filter((m) => m.exchangeId === exchange.id);
  const seqs = transcript.map((m) => m.seq);
  expect(new Set(seqs).size).toBe(seqs.length);
  expect(transcript.filter((m) => m.error?.name === 'InterruptedError')).toHaveLength(1);
  expect(transcript.filter((m) => m.method === 'POST' && m.status === 200)).toHaveLength(2);
  await popup.close();
});

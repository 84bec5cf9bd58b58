// Redirects in the built extension's service worker: an interaction URL that redirects (two
// hops, 302 then 307) reaches the exchange again, and a hop the URL policy refuses is never
// contacted. In the worker, fetch's 'manual' mode hides the Location; the wallet reads it from
// its own webRequest listener (utils/wallet/redirect-fetch.ts). refused.test resolves to
// 127.0.0.1 here, so a followed hop would show up in this server's log.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WorkflowService } from '../../workflow-service';
import { launchWallet, type WalletBrowser } from './support/browser';
import { newInteraction, startService } from './support/service';
import { approvalPage, openPopup, readStore, startFromPopup } from './support/wallet-pages';

let wallet: WalletBrowser;
let service: WorkflowService;
let hops: Server;
let hopsUrl: string;
let port: number;
const seen: string[] = [];
let target = '';

beforeAll(async () => {
  hops = createServer((req, res) => {
    seen.push(`${req.headers.host} ${req.url}`);
    if (req.url === '/hop1?iuv=1') res.writeHead(302, { location: '/hop2' }).end();
    else if (req.url === '/hop2') res.writeHead(307, { location: target }).end();
    else if (req.url === '/bad?iuv=1') res.writeHead(302, { location: `http://refused.test:${port}/trap` }).end();
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => hops.listen(0, '127.0.0.1', resolve));
  port = (hops.address() as AddressInfo).port;
  hopsUrl = `http://127.0.0.1:${port}`;
  [wallet, service] = await Promise.all([
    launchWallet({ args: ['--host-resolver-rules=MAP refused.test 127.0.0.1'] }),
    startService(),
  ]);
});
afterAll(async () => {
  await wallet?.close();
  await service?.close();
  hops?.closeAllConnections();
  await new Promise<void>((resolve) => hops?.close(() => resolve()));
});

test('an interaction URL that redirects twice reaches the exchange: every hop checked, then followed', async () => {
  const { interactionUrl } = await newInteraction(service);
  target = interactionUrl;
  const popup = await openPopup(wallet);
  await startFromPopup(popup, `${hopsUrl}/hop1?iuv=1`);
  const present = await approvalPage(wallet, 'present').catch(async (error) => {
    console.log('seen', seen, JSON.stringify(await readStore(popup, 'exchanges')).slice(0, 3000));
    throw error;
  });
  await expect.poll(() => present.getByTestId('exchange-origin').textContent()).toBe(new URL(service.baseUrl).origin);
  expect(seen).toEqual([`127.0.0.1:${port} /hop1?iuv=1`, `127.0.0.1:${port} /hop2`]);
  await present.getByTestId('decline').click();
  await popup.close();
});

test('a redirect to a host the URL policy refuses fails the exchange by name; the hop is never contacted', async () => {
  seen.length = 0;
  const popup = await openPopup(wallet);
  await startFromPopup(popup, `${hopsUrl}/bad?iuv=1`);
  await expect.poll(async () => (await readStore(popup, 'exchanges')).find((e) => JSON.stringify(e.state ?? {}).includes('/bad?iuv=1'))?.status, { timeout: 20_000 }).toBe('failed');
  const failed = (await readStore(popup, 'exchanges')).find((e) => e.status === 'failed');
  expect(failed.error).toMatchObject({ name: 'NotAllowedError', message: expect.stringMatching(/refused\.test.*plain http/) });
  expect(seen).toEqual([`127.0.0.1:${port} /bad?iuv=1`]);
  await popup.close();
});

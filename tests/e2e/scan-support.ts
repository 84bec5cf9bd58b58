// Helpers for the scan end-to-end tests: a tiny page server on 127.0.0.1 (pages and QR PNGs
// set per test), the tab id of a page, its badge (read in the worker), and the popup opened
// in a window of its own for a given tab (the way the toolbar popup sits beside the page).
import { createServer, type Server } from 'node:http';
import { deflateSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import QRCode from 'qrcode';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { WalletBrowser } from './support/browser';

// the extension APIs, inside worker / extension-page evaluate() callbacks
declare const chrome: any;

export interface PageServer {
  origin: string;
  set(path: string, body: string | Buffer, type?: string): string;
  close(): Promise<void>;
}

export async function startPageServer(): Promise<PageServer> {
  const routes = new Map<string, { body: string | Buffer; type: string }>();
  const server: Server = createServer((req, res) => {
    const route = routes.get(new URL(req.url ?? '/', 'http://x').pathname);
    if (!route) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': route.type, 'cache-control': 'max-age=600' }).end(route.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    set(path, body, type = typeof body === 'string' ? 'text/html; charset=utf-8' : 'image/png') {
      routes.set(path, { body, type });
      return `${origin}${path}`;
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** A QR code as a PNG (white quiet zone unless colours say otherwise). */
export function qrPng(text: string, { width = 300, dark = '#000000ff', light = '#ffffffff' } = {}): Promise<Buffer> {
  return QRCode.toBuffer(text, { type: 'png', width, margin: 4, errorCorrectionLevel: 'M', color: { dark, light } });
}

export function html(body: string, { head = '' } = {}): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>test page</title>${head}</head><body>${body}</body></html>`;
}

export async function tabIdOf(wallet: WalletBrowser, url: string): Promise<number> {
  let id: number | undefined;
  await expect.poll(async () => {
    id = await wallet.worker.evaluate(async (u) => (await chrome.tabs.query({ url: u }))[0]?.id, url);
    return id;
  }).toBeTypeOf('number');
  return id!;
}

export function badgeText(wallet: WalletBrowser, tabId: number): Promise<string> {
  return wallet.worker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
}

/** The popup for `tabId` (else the one it finds itself), in a popup window of its own so the page stays the visible tab. */
export async function openScanPopup(wallet: WalletBrowser, tabId?: number): Promise<Page> {
  const url = `chrome-extension://${wallet.extensionId}/popup.html${tabId === undefined ? '' : `?tabId=${tabId}`}`;
  const opened = wallet.context.waitForEvent('page', { predicate: (p) => p.url() === url });
  await wallet.worker.evaluate((u) => chrome.windows.create({ url: u, type: 'popup', width: 420, height: 700 }), url);
  const popup = await opened;
  await popup.getByTestId('scan-panel').waitFor();
  return popup;
}

/** The worker registers the every-page stubs (the scan probe lives in the CHAPI bridge stub) when it starts: a fresh profile must wait for that once. */
export async function pageScannerRegistered(wallet: WalletBrowser): Promise<void> {
  await expect.poll(() => wallet.worker.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).map((s: { id: string }) => s.id)))
    .toContain('vcalm-chapi-bridge-stub');
}

/** Open a page in a new tab and wait until it is loaded. */
export async function openPage(wallet: WalletBrowser, url: string): Promise<{ page: Page; tabId: number }> {
  await pageScannerRegistered(wallet);
  const page = await wallet.context.newPage();
  await page.goto(url);
  return { page, tabId: await tabIdOf(wallet, url) };
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** RGBA pixels (utils/qr/testing frames) → PNG bytes. */
export function encodePng({ data, width, height }: { data: Uint8Array | Uint8ClampedArray; width: number; height: number }): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0;
    raw.set(data.subarray(y * width * 4, (y + 1) * width * 4), y * (width * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0)),
  ]);
}

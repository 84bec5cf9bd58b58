// Codes from the real world, end to end. Chromium's fake webcam plays a photo-like frame (a tag
// held tilted to the camera, its QR code pointing at the local workflow service's interaction
// URL); the camera page, opened from the popup, decodes the video in its worker, outlines the
// code, shows it as an interaction, and Start runs the exchange. And a phone photo of a tilted
// tag (JPEG), pasted into the popup, goes through the same decoder and starts an exchange too.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { WorkflowService } from '../../workflow-service';
import { renderPhotoFrame } from '../../utils/qr/testing/photo-corpus';
import { seededRandom } from '../../utils/qr/testing/render-frame';
import { launchWallet, type WalletBrowser } from './support/browser';
import { newInteraction, readServiceExchange, startService } from './support/service';
import { approvalPage, readStore } from './support/wallet-pages';
import { openScanPopup } from './scan-support';
import { writeY4m } from './camera-support';

let wallet: WalletBrowser;
let service: WorkflowService;
let dir: string;
let interaction: { exchangeUrl: string; interactionUrl: string };

beforeAll(async () => {
  service = await startService();
  interaction = await newInteraction(service);
  dir = await mkdtemp(join(tmpdir(), 'wallet-camera-'));
  const video = join(dir, 'tag.y4m');
  const { image } = renderPhotoFrame({
    rng: seededRandom({ seed: 7 }),
    text: interaction.interactionUrl,
    width: 1280,
    height: 720,
    options: { codePx: 300, degrees: 23, keystone: [0.08, -0.05], blur: 0.8, quality: 70, shade: 0.3, style: 'dark-on-light' },
  });
  await writeY4m({ image, path: video });
  wallet = await launchWallet({
    args: ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`],
  });
}, 60_000);
afterAll(async () => {
  await wallet?.close();
  await service?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('scan with the camera', () => {
  test('a JPEG photo of a tilted, unevenly lit tag pasted into the popup starts the exchange', async () => {
    const { exchangeUrl, interactionUrl } = await newInteraction(service);
    const photo = renderPhotoFrame({
      rng: seededRandom({ seed: 12 }),
      text: interactionUrl,
      options: { codePx: 340, degrees: 143, keystone: [-0.1, 0.09], blur: 1.1, quality: 55, shade: 0.45, style: 'dark-on-light' },
    });
    const popup = await openScanPopup(wallet, 999_999);
    await popup.evaluate(({ b64 }) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], 'tag.jpg', { type: 'image/jpeg' }));
      window.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true }));
    }, { b64: Buffer.from(photo.jpeg).toString('base64') });
    const item = popup.locator('[data-testid="image-items"] [data-kind="interaction-url"]');
    await item.waitFor({ timeout: 30_000 });
    expect(await item.getByTestId('found-value').textContent()).toBe(interactionUrl);
    await item.getByTestId('found-start').click();
    const present = await approvalPage(wallet, 'present');
    await present.getByTestId('approve').click();
    await expect.poll(async () => (await readServiceExchange(service, exchangeUrl)).exchange.state, { timeout: 20_000 }).not.toBe('pending');
    const record = (await readStore(popup, 'exchanges')).find((r) => r.interactionUrl === interactionUrl);
    expect(record?.source).toBe('image');
    await popup.close();
  });

  test('the popup opens the camera page; the tilted tag in the video is found, outlined and started', async () => {
    const popup = await openScanPopup(wallet, 999_999);
    const opened = wallet.context.waitForEvent('page', { predicate: (p) => p.url().endsWith('/camera.html') });
    await popup.getByTestId('scan-camera').click();
    const camera = await opened;
    await camera.getByTestId('camera-page').waitFor();

    const item = camera.locator('[data-testid="camera-found"] [data-kind="interaction-url"]');
    await item.waitFor({ timeout: 30_000 });
    expect(await item.getByTestId('found-value').textContent()).toBe(interaction.interactionUrl);
    expect(await item.textContent()).toContain('via camera');
    await expect.poll(() => camera.getByTestId('camera-outline').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    // the outline follows the tag turned by 23°, not an axis-aligned box
    const points = (await camera.getByTestId('camera-outline').first().getAttribute('points'))!
      .split(' ').map((p) => p.split(',').map(Number));
    expect(points).toHaveLength(4);
    const edge = (((Math.atan2(points[1][1] - points[0][1], points[1][0] - points[0][0]) * 180) / Math.PI) % 90 + 90) % 90;
    expect(edge).toBeGreaterThan(10);
    expect(edge).toBeLessThan(80);
    await expect.poll(async () => Number(await camera.getByTestId('camera-fps').getAttribute('data-fps')), { timeout: 10_000 }).toBeGreaterThan(0);
    console.log(`[camera] decoded frames/s in the page over its first decodes (warm-up included; fake 1280×720 camera): ${await camera.getByTestId('camera-fps').getAttribute('data-fps')}`);
    if (process.env.CAMERA_SHOT) await camera.screenshot({ path: process.env.CAMERA_SHOT });

    await item.getByTestId('found-start').click();
    await camera.getByTestId('camera-started').waitFor();
    const present = await approvalPage(wallet, 'present');
    await present.getByTestId('approve').click();
    await expect.poll(async () => (await readServiceExchange(service, interaction.exchangeUrl)).exchange.state, { timeout: 20_000 }).not.toBe('pending');
    const record = (await readStore(camera, 'exchanges')).find((r) => r.interactionUrl === interaction.interactionUrl);
    expect(record?.source).toBe('camera');
    await popup.close();
  });
});

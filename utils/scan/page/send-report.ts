// Content-script side: one reportScan message in @webext-core/messaging's wire format
// ({id, type, data, timestamp} → {res} | {err}), which the background's `serve` answers. Written
// out here (a few lines) instead of bundling the library, to keep the page scanner small.
import { browser } from 'wxt/browser';
import type { ReportScanData } from '../../messaging/scan';

let seq = Math.floor(Math.random() * 1e4);

export function sendReport(data: ReportScanData): Promise<void> {
  const message = { id: seq++, type: 'reportScan', data, timestamp: Date.now() };
  return browser.runtime.sendMessage(message).then((raw: unknown) => {
    const reply = raw as { err?: { name?: string; message?: string } } | undefined;
    if (!reply) throw new Error('No response');
    if (reply.err) throw Object.assign(new Error(reply.err.message), { name: reply.err.name ?? 'Error' });
  });
}

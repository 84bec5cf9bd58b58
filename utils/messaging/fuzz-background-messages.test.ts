// Fuzz: what a content script may send the background. Every message type is tried from a
// content script with data of every kind (wallet-internal ones must be refused by name without
// their handler running), and reportScan — the one message content scripts may send — with
// ≥100 reports generated from a valid one: mutated, truncated, nested, oversize, wrong types,
// prototype keys. Each ends in a named error (handler never ran) or the handler gets data its
// own parser accepts unchanged (a correct answer). Counts: tried / named error / accepted
// correctly / other (= 0). (The CHAPI ports are fuzzed in utils/chapi/fuzz-page-messages.test.ts.)
import { expect, test } from 'vitest';
import { handleMessage, type MessageType } from './serve';
import { messageSpecs } from './index';

const context = { extensionId: 'abcdefghijklmnopabcdefghijklmnop', extensionOrigin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop' };
const contentScript = { id: context.extensionId, url: 'https://shop.example/p/1', origin: 'https://shop.example', tab: { id: 7, url: 'https://shop.example/p/1' }, frameId: 0 };

const valid = {
  reset: true,
  findings: [{ source: 'link', value: 'https://shop.example/interactions/1?iuv=1', where: { tag: 'a' } }, { source: 'text', value: 'openid-credential-offer://?credential_offer_uri=https%3A%2F%2Fi.example%2Fo' }],
  images: [{ kind: 'img', src: 'https://shop.example/qr.png', width: 200, height: 200 }],
};

const deep = (n: number): unknown => { let v: unknown = 'x'; for (let i = 0; i < n; i++) v = [v]; return v; };

function mutations(doc: unknown): { label: string; data: unknown }[] {
  const out: { label: string; data: unknown }[] = [];
  const wrong: [string, unknown][] = [['null', null], ['number', -1], ['float', 1.5], ['string', 'x'], ['empty string', ''], ['array', []], ['object', {}], ['oversize', 'A'.repeat(300_000)], ['deep', deep(5000)], ['boolean', true]];
  const walk = (value: unknown, path: (string | number)[]) => {
    if (!value || typeof value !== 'object') return;
    for (const key of Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value)) {
      const at = [...path, key];
      for (const [kind, v] of wrong) {
        const copy = structuredClone(doc) as Record<string | number, unknown>;
        let node = copy;
        for (const k of at.slice(0, -1)) node = node[k] as Record<string | number, unknown>;
        node[at.at(-1)!] = v;
        out.push({ label: `${at.join('.')}=${kind}`, data: copy });
      }
      walk((value as Record<string | number, unknown>)[key], at);
    }
  };
  walk(doc, []);
  for (const key of ['__proto__', 'constructor', 'prototype']) {
    out.push({ label: `top ${key}`, data: JSON.parse(`{"${key}":{"x":1},${JSON.stringify(doc).slice(1)}`) });
    out.push({ label: `finding ${key}`, data: { ...valid, findings: [JSON.parse(`{"${key}":{"x":1},"source":"link","value":"https://a.example/?iuv=1"}`)] } });
  }
  out.push({ label: 'too many findings', data: { ...valid, findings: Array.from({ length: 5000 }, () => valid.findings[0]) } });
  out.push({ label: 'too many images', data: { ...valid, images: Array.from({ length: 5000 }, () => valid.images[0]) } });
  out.push({ label: 'javascript: image', data: { ...valid, images: [{ ...valid.images[0], src: 'javascript:alert(1)' }] } });
  out.push({ label: 'file: image', data: { ...valid, images: [{ ...valid.images[0], src: 'file:///etc/passwd' }] } });
  out.push({ label: 'unknown field', data: { ...valid, tabId: 3 } });
  out.push({ label: 'no data', data: undefined });
  out.push({ label: 'valid', data: valid });
  return out;
}

test('content-script messages: every input ends in a named error or a correct answer', async () => {
  const counts = { tried: 0, named: 0, accepted: 0, other: 0 };
  const byName: Record<string, number> = {};
  const others: string[] = [];
  const run = async (type: MessageType, data: unknown, label: string) => {
    counts.tried++;
    let got: unknown;
    let ran = false;
    try {
      await handleMessage({ type, data, sender: contentScript, context, handler: (async (parsed: unknown) => { ran = true; got = parsed; }) as never });
      // accepted: only a message content scripts may send, with data its parser takes unchanged
      const spec = messageSpecs[type];
      const again = spec.parse(structuredClone(got), 'data');
      if (spec.access === 'content' && ran && JSON.stringify(again) === JSON.stringify(got)) counts.accepted++;
      else { counts.other++; others.push(`${type} ${label}: accepted wrongly`); }
    } catch (error) {
      const name = (error as Error)?.name;
      if (!ran && typeof name === 'string' && name !== 'Error' && /Error$/.test(name)) { counts.named++; byName[name] = (byName[name] ?? 0) + 1; }
      else { counts.other++; others.push(`${type} ${label}: ${name} (handler ran: ${ran})`); }
    }
  };
  // every message type from a content script
  for (const type of Object.keys(messageSpecs) as MessageType[]) {
    if (messageSpecs[type].access === 'content') continue;
    for (const [label, data] of [['undefined', undefined], ['empty', {}], ['id', { id: 'x1' }], ['proto', JSON.parse('{"__proto__":{"admin":true}}')]] as const) {
      await run(type, data, label);
    }
  }
  for (const { label, data } of mutations(valid)) await run('reportScan', data, label);
  console.log(`fuzz background messages (content scripts): tried ${counts.tried} / named error ${counts.named} / accepted correctly ${counts.accepted} / anything else ${counts.other}`, JSON.stringify(byName));
  expect(others).toEqual([]);
  expect(counts.tried).toBeGreaterThanOrEqual(100);
});

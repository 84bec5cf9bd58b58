// Fuzz: restoring a backup file is a trust boundary (a file from anywhere). From one valid backup,
// ≥100 malformed files are generated — the outer file (header) and the decrypted contents
// (sealed again under the same passphrase, so they reach the payload checks): mutated values,
// wrong types, truncation, deep nesting, oversize strings, prototype keys. Each must end in a
// named error with nothing stored changed, or restore correctly (the same DID and exactly the
// credentials the file holds). Counts: tried / named error / accepted correctly / other (= 0).
import 'fake-indexeddb/auto';
import { expect, test } from 'vitest';
import { generateDidKey, issueCredential, verifyCredential } from '../../crypto';
import { MIN_LOG_N, createBackupSealer, openBackup } from '../../backup';
import { credentialRecordId } from '../../db';
import { createTestContext } from '../testing';
import { createWalletBackup } from './create-backup';
import { restoreWalletBackup } from './restore-backup';

const passphrase = 'lantern orchard velvet compass';
const NAMES = new Set(['DataError', 'NotSupportedError', 'NotAllowedError', 'ConstraintError', 'TypeError', 'RangeError', 'SyntaxError', 'InvalidStateError']);

type Json = unknown;
const deep = (n: number): Json => { let v: Json = 'x'; for (let i = 0; i < n; i++) v = { a: v }; return v; };

/** Every path to a value in `value` (objects and arrays), at most `max`. */
function paths(value: Json, max = 60, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (out.length >= max || value === null || typeof value !== 'object') return out;
  for (const key of Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value)) {
    out.push([...at, key]);
    paths((value as Record<string | number, Json>)[key], max, [...at, key], out);
  }
  return out;
}

function setAt(value: Json, path: (string | number)[], next: Json | typeof REMOVE): Json {
  const copy = structuredClone(value) as Record<string | number, Json>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, Json>;
  const last = path.at(-1)!;
  if (next === REMOVE) {
    if (Array.isArray(node)) node.splice(last as number, 1);
    else delete node[last];
  } else node[last] = next;
  return copy;
}
const REMOVE = Symbol('remove');

/** Mutations of one JSON document, generated from its shape. */
function mutations(doc: Json, maxPaths: number): { label: string; value?: Json; text?: string }[] {
  const out: { label: string; value?: Json; text?: string }[] = [];
  const wrong: [string, Json][] = [['null', null], ['number', 7], ['string', 'x'], ['array', []], ['object', {}], ['oversize', 'A'.repeat(200_000)]];
  const ps = paths(doc, maxPaths);
  ps.forEach((p, i) => {
    const [kind, v] = wrong[i % wrong.length];
    out.push({ label: `${p.join('.')}=${kind}`, value: setAt(doc, p, v) });
    if (i % 3 === 0) out.push({ label: `${p.join('.')} removed`, value: setAt(doc, p, REMOVE) });
    if (i % 5 === 0) out.push({ label: `${p.join('.')} nested 3000`, value: setAt(doc, p, deep(3000)) });
  });
  const text = JSON.stringify(doc);
  for (const key of ['__proto__', 'constructor', 'prototype']) {
    out.push({ label: `top-level ${key}`, text: `{"${key}":{"polluted":true},${text.slice(1)}` });
  }
  for (const cut of [0, 1, 10, Math.floor(text.length / 3), text.length - 1]) out.push({ label: `truncated at ${cut}`, text: text.slice(0, cut) });
  out.push({ label: 'not an object', value: [doc] });
  out.push({ label: 'nested 20000', value: deep(20_000) });
  return out;
}

async function storedState(ctx: ReturnType<typeof createTestContext>['ctx']) {
  const db = await ctx.db;
  return JSON.stringify({
    keys: (await db.keys.list()).map((k) => k.did).sort(),
    credentials: (await db.credentials.list()).map((c) => c.id).sort(),
    exchanges: (await db.exchanges.list()).map((e) => e.id).sort(),
  });
}

test('every malformed backup ends in a named error with nothing stored, or restores correctly', async () => {
  // one valid backup of a wallet with a key and a credential
  const source = createTestContext();
  const holder = await source.ctx.key();
  const issuer = await generateDidKey({ extractable: true });
  const credential = (await issueCredential({
    key: issuer,
    credential: {
      '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiableCredential'], issuer: issuer.did,
      validFrom: '2026-01-01T00:00:00Z', credentialSubject: { id: holder.did, name: 'Fuzz me' },
    },
  })) as Record<string, unknown>;
  await (await source.ctx.db).credentials.put({ id: await credentialRecordId({ credential }), credential, verification: await verifyCredential({ credential }), source: { kind: 'import' } });
  const { file } = await createWalletBackup({ ctx: source.ctx, passphrase, includeHistory: false, logN: MIN_LOG_N });
  const opened = await openBackup({ file, passphrase });

  // the contents, sealed again by a sealer of ours (its key wraps the holder key again)
  const sealer = await createBackupSealer({ passphrase, logN: MIN_LOG_N });
  const payload = structuredClone(opened.payload) as { keys: { privateKey?: unknown }[] };
  payload.keys[0].privateKey = await sealer.wrapPrivateKey({ key: holder.privateKey as CryptoKey });

  const inputs: { boundary: 'file' | 'contents'; label: string; file: () => Promise<string> }[] = [];
  for (const m of mutations(JSON.parse(file), 40)) {
    inputs.push({ boundary: 'file', label: m.label, file: async () => m.text ?? JSON.stringify(m.value) });
  }
  for (const m of mutations(payload, 45)) {
    if (m.text !== undefined) continue; // text-level cuts of the contents are covered by the file's
    inputs.push({ boundary: 'contents', label: m.label, file: () => sealer.seal({ payload: m.value }) });
  }
  inputs.push({ boundary: 'contents', label: 'valid (control)', file: () => sealer.seal({ payload }) });

  const counts = { tried: 0, named: 0, accepted: 0, other: 0 };
  const byName: Record<string, number> = {};
  const others: string[] = [];
  const sealRefused: string[] = []; // inputs our own sealer could not even encrypt (too deep for JSON.stringify)
  for (const input of inputs) {
    counts.tried++;
    const target = createTestContext();
    await target.ctx.key(); // a fresh wallet's own key
    const before = await storedState(target.ctx);
    let text: string;
    try {
      text = await input.file();
    } catch (error) {
      // the sealer refused to encrypt it (e.g. too deep to serialise): a named refusal at the source
      if (NAMES.has((error as Error).name)) { sealRefused.push(`${input.label}: ${(error as Error).name}`); counts.named++; byName[(error as Error).name] = (byName[(error as Error).name] ?? 0) + 1; continue; }
      counts.other++; others.push(`${input.label}: sealing threw ${(error as Error).name}`); continue;
    }
    try {
      const result = await restoreWalletBackup({ ctx: target.ctx, file: text, passphrase });
      // accepted: it must be exactly the file's wallet
      const db = await target.ctx.db;
      // what the file holds is stored, and its "verified" is the truth about it, not the file's word
      const records = await db.credentials.list();
      let honest = true;
      for (const r of records) {
        const fresh = await verifyCredential({ credential: r.credential });
        if (Boolean((r.verification as { verified?: boolean } | null)?.verified) !== fresh.verified) honest = false;
      }
      const ok = result.did === holder.did && (await target.ctx.key()).did === holder.did && honest && records.length <= 1;
      if (ok) counts.accepted++;
      else { counts.other++; others.push(`${input.label}: accepted wrongly`); }
    } catch (error) {
      const name = (error as Error)?.name;
      const after = await storedState(target.ctx);
      if (NAMES.has(name) && after === before) { counts.named++; byName[name] = (byName[name] ?? 0) + 1; }
      else { counts.other++; others.push(`${input.label}: ${name} ${(error as Error)?.message?.slice(0, 120)} ${after === before ? '' : '(stored state changed)'}`); }
    }
  }
  console.log(`fuzz backup import: tried ${counts.tried} / named error ${counts.named} / accepted correctly ${counts.accepted} / anything else ${counts.other}`, JSON.stringify(byName));
  console.log('refused while sealing (never reached the wallet):', sealRefused.join('; ') || 'none');
  expect(others).toEqual([]);
  expect(counts.tried).toBeGreaterThanOrEqual(100);
  expect(counts.accepted).toBeGreaterThanOrEqual(1); // the control
}, 600_000);

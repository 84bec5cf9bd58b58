// Import credentials from a file or pasted text: one credential, or a presentation holding some.
// Each is verified (proof, issuer, dates) as an offer would be; if any fails, none is stored.
import { namedError } from '../../errors';
import type { ImportResult } from '../../messaging';
import type { WalletContext } from '../context';
import { credentialsInPresentations, verifyOffer } from '../offers';

function isPresentation(doc: Record<string, unknown>): boolean {
  const type = doc.type;
  return (Array.isArray(type) ? type : [type]).includes('VerifiablePresentation');
}

export async function importCredentials({ ctx, text }: { ctx: WalletContext; text: string }): Promise<ImportResult> {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (cause) {
    throw namedError({ name: 'DataError', message: 'This is not JSON: import a credential or a presentation as JSON.', cause });
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) {
    throw namedError({ name: 'DataError', message: 'Import one credential or one presentation (a JSON object).' });
  }
  const found = isPresentation(doc as Record<string, unknown>) ? credentialsInPresentations({ presentations: [doc] }) : [doc];
  if (!found.length) throw namedError({ name: 'DataError', message: 'The presentation holds no credential.' });
  const now = ctx.now?.() ?? new Date();
  const offers = await Promise.all(found.map((credential) => verifyOffer({ credential, verify: ctx.verify, now })));
  const failed = offers.filter((o) => !o.storable);
  if (failed.length) {
    throw namedError({
      name: 'DataError',
      message: `Nothing was imported: ${failed.map((o) => `"${o.summary.name}" — ${o.problem ?? 'verification failed.'}`).join(' ')}`,
    });
  }
  const results = await (await ctx.db).credentials.putMany({
    items: offers.map((o) => ({ id: o.recordId, credential: o.credential, verification: o.result, source: { kind: 'import' as const } })),
  });
  ctx.events.emit({ type: 'credentials' });
  return {
    imported: results.map((r, i) => ({ id: r.record.id, name: offers[i].summary.name, status: r.status })),
  };
}

// Restore: decrypt and check everything first (wrong passphrase, damaged or newer file, a key
// that does not belong to its DID: named errors, nothing written), then add the whole wallet in
// one transaction. The backup's oldest key becomes the wallet's primary key, so the wallet has
// the same DID as before and presents the restored credentials with holder binding.
import { checkKeyPair, verifyCredential, type WalletKey } from '../../crypto';
import { openBackup, parseBackupPayload } from '../../backup';
import { credentialRecordId, toCredentialRecord, type KeyRecord, type StoredCredential, type WalletSnapshot } from '../../db';
import type { CredentialVerification } from '../../crypto';
import type { RestoreResult } from '../../messaging';
import type { TranscriptMessage } from '../../vcalm';
import type { ExchangeRecord } from '../../db';
import type { WalletContext } from '../context';

export async function restoreWalletBackup({ ctx, file, passphrase }: {
  ctx: WalletContext;
  file: string;
  passphrase: string;
}): Promise<RestoreResult> {
  const opened = await openBackup({ file, passphrase });
  const payload = parseBackupPayload({ payload: opened.payload });
  const keys: KeyRecord[] = [];
  for (const k of payload.keys) {
    const common = { did: k.did, verificationMethod: k.verificationMethod, publicKeyMultibase: k.publicKeyMultibase };
    const key: WalletKey = k.privateKey
      ? { ...common, privateKey: await opened.unwrapPrivateKey({ wrapped: k.privateKey }) }
      : { ...common, secretKeyMultibase: k.secretKeyMultibase };
    await checkKeyPair({ key });
    keys.push({ did: k.did, key, createdAt: k.createdAt });
  }
  const credentials: StoredCredential[] = [];
  const now = ctx.now?.() ?? new Date();
  for (const c of payload.credentials) {
    credentials.push(toCredentialRecord({
      input: {
        id: await credentialRecordId({ credential: c.credential }),
        credential: c.credential,
        // verified again, not taken from the file: a file whose credential was changed after
        // signing (by anyone holding the passphrase) must not restore as "✔ Verified"
        verification: (await (ctx.verify ?? verifyCredential)({ credential: c.credential, now })) as unknown as CredentialVerification,
        source: c.source,
        addedAt: c.addedAt,
      },
    }));
  }
  const snapshot: WalletSnapshot = {
    keys,
    credentials,
    ...(payload.history
      ? {
          exchanges: payload.history.exchanges as unknown as ExchangeRecord[],
          messages: payload.history.messages as unknown as TranscriptMessage[],
        }
      : {}),
  };
  const counts = await (await ctx.db).backup.restore({ snapshot });
  const key = await ctx.key();
  ctx.events.emit({ type: 'wallet' });
  ctx.events.emit({ type: 'credentials' });
  return { did: key.did, ...counts, keysLeftBehind: payload.keysLeftBehind ?? [] };
}

// Backup and restore end to end: a wallet receives the provenance credential, backs up into an
// encrypted file from the popup, and a second browser profile restores it — wrong passphrase
// first (named error, nothing changes), then the right one — and then presents the credential to
// the demo verifier, which accepts it with holder binding to the same DID.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { WorkflowService } from '../../workflow-service';
import { startVerifier, type Verifier } from '../../coordinator/verifier/verifier-server';
import { launchWallet, type WalletBrowser } from './support/browser';
import { newInteraction, startService } from './support/service';
import { approvalPage, openPopup, readStore, startFromPopup, walletDid } from './support/wallet-pages';
import { chapiApproval } from './chapi-site';

const PASSPHRASE = 'lantern orchard velvet compass';
let service: WorkflowService;
let verifier: Verifier;
let folder: string;
const wallets: WalletBrowser[] = [];

/** Screenshots for a person to look at, when WALLET_SHOTS_DIR names a folder. */
async function shot(page: Page, name: string) {
  const dir = process.env.WALLET_SHOTS_DIR;
  if (dir) await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}

beforeAll(async () => {
  [service, folder] = await Promise.all([startService(), mkdtemp(join(tmpdir(), 'wallet-backup-e2e-'))]);
  verifier = await startVerifier({ trustedIssuers: [service.issuer] });
});
afterAll(async () => {
  for (const wallet of wallets) await wallet.close().catch(() => undefined);
  await verifier?.close();
  await service?.close();
  if (folder) await rm(folder, { recursive: true, force: true });
});

describe('backup → new profile → restore → present', () => {
  test('the restored wallet has the same DID and credential and the demo verifier accepts its presentation', async () => {
    // 1. a wallet with the provenance credential
    const first = await launchWallet();
    wallets.push(first);
    const popup = await openPopup(first);
    const did = await walletDid(popup);
    const { interactionUrl } = await newInteraction(service);
    await startFromPopup(popup, interactionUrl);
    const present = await approvalPage(first, 'present');
    await expect.poll(() => present.getByTestId('approval-sentence').textContent()).toMatch(/wants to confirm this wallet is yours\.$/);
    await shot(present, 'approval-did-auth');
    await present.getByTestId('approve').click();
    const accept = await approvalPage(first, 'accept');
    await expect.poll(() => accept.getByTestId('approval-sentence').textContent()).toMatch(/offers you a credential: Product authenticity for HB-2026-0042\.$/);
    await shot(accept, 'approval-accept');
    await accept.getByTestId('approve').click();
    await popup.getByTestId('tab-credentials').click();
    await expect.poll(() => popup.getByTestId('credential-item').count(), { timeout: 30_000 }).toBe(1);

    // 2. back it up: a weak passphrase is rated and refused, a good one makes the file
    await popup.getByTestId('tab-backup').click();
    await popup.getByTestId('backup-passphrase').fill('password1234');
    await expect.poll(() => popup.getByTestId('passphrase-strength').getAttribute('data-acceptable')).toBe('false');
    expect(await popup.getByTestId('passphrase-warning').textContent()).toMatch(/common/);
    expect(await popup.getByTestId('backup-start').isDisabled()).toBe(true);
    await shot(popup, 'backup-weak-passphrase');
    await popup.getByTestId('backup-passphrase').fill(PASSPHRASE);
    await expect.poll(() => popup.getByTestId('passphrase-strength').getAttribute('data-acceptable')).toBe('true');
    await popup.getByTestId('backup-passphrase-repeat').fill(PASSPHRASE);
    await popup.getByTestId('backup-history').check();
    const [download] = await Promise.all([
      popup.waitForEvent('download', { timeout: 60_000 }),
      popup.getByTestId('backup-start').click(),
    ]);
    const file = join(folder, download.suggestedFilename());
    await download.saveAs(file);
    // 2 keys: the primary (the wallet's DID) and the second, P-256 holder key made at the first presentation
    await expect.poll(() => popup.getByTestId('backup-result').textContent()).toMatch(/1 credential\(s\), 2 key\(s\), 1 exchange\(s\)/);
    await shot(popup, 'backup-done');
    const text = await readFile(file, 'utf8');
    expect(JSON.parse(text)).toMatchObject({ format: 'vcalm-wallet-backup', version: 1, kdf: { name: 'scrypt' } });
    expect(text).not.toContain(did.slice(8)); // nothing readable inside
    await first.close();

    // 3. a new profile: its own DID, then the restore (wrong passphrase first: nothing changes)
    const second = await launchWallet();
    wallets.push(second);
    const fresh = await openPopup(second);
    const freshDid = await walletDid(fresh);
    expect(freshDid).not.toBe(did);
    await fresh.getByTestId('tab-backup').click();
    await fresh.getByTestId('restore-file').setInputFiles(file);
    await fresh.getByTestId('restore-passphrase').fill('lantern orchard velvet compost');
    await fresh.getByTestId('restore-start').click();
    await expect.poll(() => fresh.getByTestId('restore-error').getAttribute('data-error-name'), { timeout: 60_000 }).toBe('NotAllowedError');
    expect(await walletDid(fresh)).toBe(freshDid);
    expect(await readStore(fresh, 'credentials')).toHaveLength(0);
    await shot(fresh, 'restore-wrong-passphrase');
    await fresh.getByTestId('restore-passphrase').fill(PASSPHRASE);
    await fresh.getByTestId('restore-start').click();
    await expect.poll(() => fresh.getByTestId('restore-result').getAttribute('data-did'), { timeout: 60_000 }).toBe(did);
    await expect.poll(() => walletDid(fresh)).toBe(did);
    await shot(fresh, 'restore-done');
    await fresh.getByTestId('tab-credentials').click();
    await expect.poll(() => fresh.getByTestId('credential-item').count()).toBe(1);
    expect(await readStore(fresh, 'exchanges')).toHaveLength(1);

    // 4. the restored wallet presents to the demo verifier, bound to the restored DID
    const page = await second.context.newPage();
    await page.goto(verifier.url);
    await page.getByTestId('verify').click();
    const approval = await chapiApproval(second, 'present');
    await expect.poll(() => approval.getByTestId('candidate').count()).toBeGreaterThan(0);
    expect(await approval.getByTestId('holder-did').textContent()).toContain(did);
    expect(await approval.getByTestId('approval-sentence').textContent()).toContain(`${new URL(verifier.url).host} wants to see your Product authenticity credential.`);
    await approval.getByText('Technical details').click();
    await shot(approval, 'approval-present-credential');
    await approval.getByTestId('approve').click();
    const result = page.getByTestId('verify-result');
    await expect.poll(() => result.getAttribute('data-verified'), { timeout: 30_000 }).toBe('true');
    expect(await page.getByTestId('holder').textContent()).toBe(did);
    expect(await page.getByTestId('product-sku').textContent()).toBe('HB-2026-0042');
  });
});

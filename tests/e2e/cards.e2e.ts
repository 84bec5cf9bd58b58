// Cards and status end to end: the built extension in headless Chromium against the local
// workflow service (which serves the status lists and revokes) and a template host.
// An SVG render template with a matching digest shows the issuer's design (offer, list); one
// whose digest does not match shows the plain card and says why; a credential the brand revoked
// is marked revoked in the offer and in the list. E2E_SHOTS=dir saves screenshots there.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startWorkflowService, type WorkflowService } from '../../workflow-service';
import { createExchange, runProvenanceExchange } from '../../workflow-service/testing/holder';
import { revokeCredential } from '../../coordinator/lib';
import { digestMultibaseOf } from '../../utils/cards';
import { generateDidKey } from '../../utils/crypto';
import { launchWallet, type WalletBrowser } from './support/browser';
import { approvalPage, openPopup, startFromPopup } from './support/wallet-pages';

const SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="230" viewBox="0 0 400 230">
<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#3b2a1a"/><stop offset="1" stop-color="#8a6a45"/></linearGradient></defs>
<rect width="400" height="230" rx="16" fill="url(#g)"/>
<text x="24" y="44" fill="#f3e6d3" font-family="Georgia, serif" font-size="14" letter-spacing="3">MAISON DEMO</text>
<text x="24" y="96" fill="#ffffff" font-family="Georgia, serif" font-size="26">{{/name}}</text>
<text x="24" y="140" fill="#f3e6d3" font-family="Helvetica, sans-serif" font-size="14">Handbag · SKU {{/credentialSubject/owns/sku}}</text>
<text x="24" y="200" fill="#d9c4a5" font-family="Helvetica, sans-serif" font-size="11">Certificate of authenticity</text>
</svg>`;

let wallet: WalletBrowser;
let service: WorkflowService;
let templates: Server;
let templateUrl: string;
let dir: string;
const cookies: (string | undefined)[] = [];
const shots = process.env.E2E_SHOTS;

async function shot(page: Page, name: string) {
  if (!shots) return;
  await mkdir(shots, { recursive: true });
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

function workflows() {
  const credential = {
    '@context': [
      'https://www.w3.org/ns/credentials/v2',
      {
        ProductAuthenticityCredential: 'urn:vcalm-wallet:vocab:ProductAuthenticityCredential',
        Product: 'https://schema.org/Product',
        owns: { '@id': 'https://schema.org/owns', '@type': '@id' },
        sku: 'https://schema.org/sku',
        SvgRenderingTemplate2023: 'https://w3id.org/vc/render-method#SvgRenderingTemplate2023',
      },
    ],
    id: '{{variables.credentialId}}',
    type: ['VerifiableCredential', 'ProductAuthenticityCredential'],
    name: 'Product authenticity',
    description: 'The holder owns the authentic product {{variables.sku}}.',
    issuer: { id: '{{issuer}}', name: 'Maison Demo' },
    validFrom: '{{now}}',
    credentialSubject: { id: '{{results.ownerBinding.did}}', owns: { id: 'did:example:bag-456', type: 'Product', name: 'Handbag', sku: '{{variables.sku}}' } },
    renderMethod: '{{variables.renderMethod}}',
  };
  return {
    workflows: {
      cards: {
        requiredVariables: ['credentialId', 'sku', 'renderMethod'],
        initialStep: 'ownerBinding',
        steps: {
          ownerBinding: {
            createChallenge: true,
            verifiablePresentationRequest: { query: [{ type: 'DIDAuthentication', acceptedMethods: [{ method: 'key' }], acceptedCryptosuites: [{ cryptosuite: 'eddsa-rdfc-2022' }] }] },
            nextStep: 'issue',
          },
          issue: { issue: [{ status: true, credential }] },
        },
      },
    },
  };
}

async function interaction(variables: Record<string, unknown>) {
  const exchangeUrl = await createExchange({ workflowUrl: service.workflowUrl('cards'), token: service.token, variables });
  return { exchangeUrl, interactionUrl: `${exchangeUrl}?iuv=1` };
}

/** Runs one exchange in the wallet up to the offer; returns the accept approval page. */
async function offerInWallet(popup: Page, variables: Record<string, unknown>): Promise<Page> {
  const { interactionUrl } = await interaction(variables);
  await startFromPopup(popup, interactionUrl);
  const present = await approvalPage(wallet, 'present');
  await present.getByTestId('approve').click();
  const accept = await approvalPage(wallet, 'accept').catch(async (error) => {
    await popup.getByTestId('tab-exchanges').click();
    throw new Error(`No offer to accept; the wallet says: ${await popup.locator('main').textContent()}`, { cause: error });
  });
  await accept.setViewportSize({ width: 480, height: 900 });
  await expect.poll(() => accept.getByTestId('offered-credential').count(), { timeout: 20_000 }).toBe(1);
  return accept;
}

const item = (popup: Page, id: string) => popup.locator(`[data-testid="credential-item"][data-credential-id="${id}"]`);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cards-e2e-'));
  await writeFile(join(dir, 'workflows.json'), JSON.stringify(workflows()));
  templates = createServer((req, res) => {
    cookies.push(req.headers.cookie);
    if (req.url === '/card.svg') res.writeHead(200, { 'content-type': 'image/svg+xml' }).end(SVG);
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => templates.listen(0, '127.0.0.1', () => r()));
  templateUrl = `http://127.0.0.1:${(templates.address() as AddressInfo).port}/card.svg`;
  [wallet, service] = await Promise.all([launchWallet(), startWorkflowService({ workflowsFile: join(dir, 'workflows.json') })]);
}, 120_000);
afterAll(async () => {
  await wallet?.close();
  await service?.close();
  templates?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('cards and status', () => {
  test('an SVG render template with a matching digest shows the issuer\'s design in the offer and the list', async () => {
    const popup = await openPopup(wallet);
    await popup.setViewportSize({ width: 420, height: 760 });
    const digestMultibase = await digestMultibaseOf({ bytes: new TextEncoder().encode(SVG) });
    const credentialId = `urn:uuid:${crypto.randomUUID()}`;
    const accept = await offerInWallet(popup, {
      credentialId, sku: 'HB-2026-0042', renderMethod: { type: 'SvgRenderingTemplate2023', id: templateUrl, digestMultibase },
    });
    const offer = accept.getByTestId('offered-credential');
    expect(await offer.getByTestId('credential-card').getAttribute('data-card-state')).toBe('rendered');
    expect(await offer.getByTestId('card-design').getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(await offer.getByTestId('badge-status').textContent()).toBe('Not revoked');
    // the design was drawn as an image: it is really painted, not inserted as markup
    await expect.poll(() => offer.getByTestId('card-design').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    expect(await accept.locator('svg text').count()).toBe(0);
    await shot(accept, 'offer-approval');
    await accept.getByTestId('approve').click();

    await popup.getByTestId('tab-credentials').click();
    await expect.poll(() => item(popup, credentialId).count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => item(popup, credentialId).getByTestId('credential-card').getAttribute('data-card-state'), { timeout: 20_000 }).toBe('rendered');
    expect(cookies.every((c) => c === undefined)).toBe(true);
    await shot(popup, 'popup-list');
    await popup.close();
  });

  test('a template whose digest does not match shows the plain card and says why', async () => {
    const popup = await openPopup(wallet);
    await popup.setViewportSize({ width: 420, height: 760 });
    const credentialId = `urn:uuid:${crypto.randomUUID()}`;
    const wrongDigest = await digestMultibaseOf({ bytes: new TextEncoder().encode('another template') });
    const accept = await offerInWallet(popup, {
      credentialId, sku: 'HB-2026-0043', renderMethod: { type: 'SvgRenderingTemplate2023', id: templateUrl, digestMultibase: wrongDigest },
    });
    const offer = accept.getByTestId('offered-credential');
    expect(await offer.getByTestId('credential-card').getAttribute('data-card-state')).toBe('fallback');
    expect(await offer.getByTestId('card-fallback').textContent()).toMatch(/does not match the digest/);
    expect(await offer.getByTestId('credential-name').textContent()).toBe('Product authenticity');
    expect(await offer.getByTestId('card-design').count()).toBe(0);
    await accept.getByTestId('approve').click();

    await popup.getByTestId('tab-credentials').click();
    await expect.poll(() => item(popup, credentialId).count(), { timeout: 20_000 }).toBe(1);
    await item(popup, credentialId).click();
    const detail = popup.getByTestId('credential-detail');
    await expect.poll(() => detail.getByTestId('card-fallback').textContent(), { timeout: 20_000 }).toMatch(/does not match the digest/);
    await expect.poll(() => detail.getByTestId('status-line').getAttribute('data-state'), { timeout: 20_000 }).toBe('valid');
    await shot(popup, 'popup-detail');
    await popup.close();
  });

  test('a credential the brand revoked is marked revoked in the offer and in the list', async () => {
    const credentialId = `urn:uuid:${crypto.randomUUID()}`;
    const variables = { credentialId, sku: 'HB-2026-0044', renderMethod: { type: 'SvgRenderingTemplate2023', id: templateUrl } };
    // the brand issued it once (to another holder) and revoked it
    const { exchangeUrl } = await interaction(variables);
    await runProvenanceExchange({ exchangeUrl, key: await generateDidKey() });
    await revokeCredential({ serviceUrl: service.baseUrl, token: service.token, credentialId });

    const popup = await openPopup(wallet);
    await popup.setViewportSize({ width: 420, height: 760 });
    const accept = await offerInWallet(popup, variables);
    const offer = accept.getByTestId('offered-credential');
    expect(await offer.getAttribute('data-status')).toBe('revoked');
    expect(await offer.getByTestId('badge-status').textContent()).toBe('Revoked');
    expect(await offer.getByTestId('revoked-note').count()).toBe(1);
    const keep = offer.getByTestId('offer-accept');
    expect(await keep.isChecked()).toBe(false);
    await shot(accept, 'offer-revoked');
    await keep.check();
    await accept.getByTestId('approve').click();

    await popup.getByTestId('tab-credentials').click();
    await expect.poll(() => item(popup, credentialId).getAttribute('data-status'), { timeout: 20_000 }).toBe('revoked');
    expect(await item(popup, credentialId).getByTestId('badge-status').textContent()).toBe('Revoked');
    await shot(popup, 'popup-list-revoked');
    await popup.close();
  });
});

// @vitest-environment happy-dom
// Every card state: the issuer's SVG design (an inert <img>), an HTML design (sandboxed frame),
// the plain card, the plain card with the reason the design is not shown, and each badge:
// genuine / expired / does not verify, not revoked / revoked / suspended / status unknown.
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import type { CardView, CredentialStatusView, CredentialVerificationView } from '../../utils/messaging';
import CredentialCard from './CredentialCard.vue';

const facts: CardView['facts'] = {
  title: 'Product authenticity',
  description: 'The holder owns the authentic product HB-2026-0042.',
  issuer: { id: 'did:key:z6MkkUE4K3qeBrandKeyForTheDemoShop', name: 'Maison Demo', image: 'data:image/png;base64,iVBORw0KGgo=' },
  facts: [{ label: 'Owns', value: 'Handbag' }, { label: 'Owns · Sku', value: 'HB-2026-0042' }, { label: 'Colour', value: 'Tan' }],
  validFrom: '2026-03-01T10:00:00Z',
};
const verified: CredentialVerificationView = { verified: true, validity: 'valid', errors: [], warnings: [], checkedAt: '2026-03-01T10:00:00Z' };
const status = (state: CredentialStatusView['state']): CredentialStatusView => ({ state, checkedAt: '2026-03-02T10:00:00Z', summary: `summary ${state}`, details: [] });

const mountCard = (props: Partial<{ card: CardView; verification: CredentialVerificationView; status: CredentialStatusView; compact: boolean }>) =>
  mount(CredentialCard, { props: { card: { facts }, verification: verified, ...props } });

describe('CredentialCard', () => {
  it('draws an SVG design as an image from a data: URL, never as markup in the page', () => {
    const w = mountCard({ card: { facts, rendered: { format: 'svg', dataUrl: 'data:image/svg+xml;base64,PHN2Zy8+' }, renderType: 'SvgRenderingTemplate2023' } });
    const design = w.get('[data-testid="card-design"]');
    expect(design.element.tagName).toBe('IMG');
    expect(design.attributes('src')).toBe('data:image/svg+xml;base64,PHN2Zy8+');
    expect(w.find('svg').exists()).toBe(false);
    expect(w.get('[data-testid="credential-card"]').attributes('data-card-state')).toBe('rendered');
    expect(w.find('[data-testid="card-fallback"]').exists()).toBe(false);
  });

  it('puts an HTML design in a frame sandboxed with no permissions', () => {
    const srcdoc = '<!doctype html><meta http-equiv="Content-Security-Policy" content="default-src \'none\'"><h1>x</h1>';
    const w = mountCard({ card: { facts, rendered: { format: 'html', srcdoc }, renderType: 'RenderTemplate2024' } });
    const frame = w.get('iframe');
    expect(frame.attributes('sandbox')).toBe('');
    expect(frame.attributes('srcdoc')).toBe(srcdoc);
    expect(w.find('h1').exists()).toBe(false);
  });

  it('shows the plain card: title, the issuer\'s own name marked as its claim next to its DID, key facts, dates', () => {
    const w = mountCard({});
    expect(w.get('[data-testid="credential-card"]').attributes('data-card-state')).toBe('plain');
    expect(w.get('[data-testid="credential-name"]').text()).toBe('Product authenticity');
    expect(w.get('[data-testid="card-issuer-name"]').text()).toBe('Maison Demo');
    expect(w.get('[data-testid="credential-issuer"]').text()).toContain('as the issuer calls itself');
    expect(w.get('[data-testid="credential-issuer"]').text()).toContain('did:key:z6MkkUE4K3qeBr');
    expect(w.get('[data-testid="card-facts"]').text()).toContain('HB-2026-0042');
    expect(w.text()).toContain('Issued');
    expect(w.get('[data-testid="badge-validity"]').text()).toBe('Genuine');
    expect(w.find('[data-testid="badge-status"]').exists()).toBe(false);
  });

  it('compact (the list) shows at most two facts and no fallback text', () => {
    const w = mountCard({ compact: true, card: { facts, fallback: 'not shown: digest' } });
    expect(w.findAll('[data-testid="card-facts"] dt')).toHaveLength(2);
    expect(w.find('[data-testid="card-fallback"]').exists()).toBe(false);
  });

  it('says why the issuer\'s design is not shown', () => {
    const w = mountCard({ card: { facts, fallback: 'The issuer\'s card design (SvgRenderingTemplate2023) is not shown: its template does not match the digest.' } });
    expect(w.get('[data-testid="credential-card"]').attributes('data-card-state')).toBe('fallback');
    expect(w.get('[data-testid="card-fallback"]').text()).toMatch(/does not match the digest/);
    expect(w.get('[data-testid="credential-name"]').text()).toBe('Product authenticity');
  });

  it.each([
    ['valid', 'Not revoked'],
    ['revoked', 'Revoked'],
    ['suspended', 'Suspended'],
    ['unknown', 'Status unknown'],
  ] as const)('status %s shows "%s"', (state, text) => {
    const w = mountCard({ status: status(state) });
    expect(w.get('[data-testid="badge-status"]').text()).toBe(text);
    expect(w.get('[data-testid="credential-card"]').attributes('data-status')).toBe(state);
    expect(w.find('[data-testid="revoked-note"]').exists()).toBe(state === 'revoked');
  });

  it('validity badges: expired, not valid yet, does not verify, not verified', () => {
    expect(mountCard({ verification: { ...verified, verified: false, validity: 'expired' } }).get('[data-testid="badge-validity"]').text()).toBe('Expired');
    expect(mountCard({ verification: { ...verified, verified: false, validity: 'not-yet-valid' } }).get('[data-testid="badge-validity"]').text()).toBe('Not valid yet');
    expect(mountCard({ verification: { ...verified, verified: false, errors: [{ name: 'DataError', message: 'bad' }] } }).get('[data-testid="badge-validity"]').text()).toBe('Does not verify');
    expect(mount(CredentialCard, { props: { card: { facts } } }).get('[data-testid="badge-validity"]').text()).toBe('Not verified');
  });

  it('an Open Badges 3.0 achievement shows its image and criteria', () => {
    const w = mountCard({
      card: { facts: { ...facts, title: 'Leather care', achievement: { name: 'Leather care', criteria: 'Completed the workshop.', image: 'data:image/svg+xml;base64,PHN2Zy8+' } } },
    });
    expect(w.get('[data-testid="achievement-image"]').attributes('src')).toBe('data:image/svg+xml;base64,PHN2Zy8+');
    expect(w.get('[data-testid="achievement-criteria"]').text()).toContain('Completed the workshop.');
  });

  it('without an issuer name or image: a monogram and the DID only', () => {
    const w = mountCard({ card: { facts: { ...facts, issuer: { id: 'did:key:z6MkOnly' } } } });
    expect(w.find('[data-testid="card-issuer-name"]').exists()).toBe(false);
    expect(w.find('[data-testid="credential-issuer"] img').exists()).toBe(false);
    expect(w.get('[data-testid="credential-issuer"]').text()).toContain('did:key:z6MkOnly');
  });
});

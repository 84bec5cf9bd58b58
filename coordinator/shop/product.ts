// The one product the demo shop sells. `subject` and `sku` become the exchange variables the
// provenance-issuance workflow puts into the credential.
export interface Product {
  subject: string;
  sku: string;
  name: string;
  maker: string;
  price: string;
  description: string;
}

export const DEMO_PRODUCT: Product = {
  subject: 'did:example:bag-456',
  sku: 'HB-2026-0042',
  name: 'Atelier Tote',
  maker: 'Maison Verity',
  price: '€ 1,290',
  description:
    'Full-grain vegetable-tanned leather, hand-stitched in a small workshop. Every bag carries a ' +
    'verifiable authenticity credential: your wallet proves you own it, and anyone you show it to can check it.',
};

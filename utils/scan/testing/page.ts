// Test and bench helper: happy-dom pages of a given size.
import { Window } from 'happy-dom';

export function createPage({ url = 'https://shop.example/products/1', html = '' }: { url?: string; html?: string } = {}) {
  const window = new Window({ url });
  const document = window.document as unknown as Document;
  document.body.innerHTML = html;
  return { window, document, close: () => window.happyDOM.close() };
}

/** Appends product-grid-like markup until the body holds about `nodes` nodes. */
export function fillPage({ document, nodes }: { document: Document; nodes: number }) {
  const parts: string[] = [];
  // each card: article, h3 + text, p + text, a + text, span + text, img = 10 nodes
  for (let i = 0; i < Math.ceil(nodes / 10); i++) {
    parts.push(`<article class="card"><h3>Product ${i}</h3><p>Lovely thing number ${i}, see https://example.com/p/${i} for more.</p>`
      + `<a href="/products/${i}">Details</a><span>€${i}.00</span><img src="/img/${i}.png" width="24" height="24"></article>`);
  }
  const main = document.createElement('main');
  main.innerHTML = parts.join('');
  document.body.append(main);
  return main;
}

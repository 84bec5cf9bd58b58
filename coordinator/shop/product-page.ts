// The demo shop's product page: a handbag, its price, and "Get authenticity credential".
import { escapeHtml } from '../lib/index';
import type { Product } from './product';
import { PAGE_SCRIPT } from './page-script';
import { SHOP_STYLE } from './style';

const HANDBAG_SVG = `<svg viewBox="0 0 240 220" role="img" aria-label="Illustration of the handbag" xmlns="http://www.w3.org/2000/svg">
  <defs><linearGradient id="leather" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#a8673c"/><stop offset="1" stop-color="#6e3f22"/></linearGradient></defs>
  <path d="M80 80 C80 30 160 30 160 80" fill="none" stroke="#5a3219" stroke-width="10" stroke-linecap="round"/>
  <path d="M40 80 H200 L220 200 Q220 210 210 210 H30 Q20 210 20 200 Z" fill="url(#leather)"/>
  <path d="M40 80 H200 L204 104 H36 Z" fill="#5a3219" opacity=".45"/>
  <rect x="106" y="96" width="28" height="20" rx="4" fill="#e3c07a" stroke="#a9853e" stroke-width="2"/>
  <path d="M30 196 H210" stroke="#f1d9b5" stroke-width="1.5" stroke-dasharray="5 4" opacity=".6"/>
</svg>`;

export function renderProductPage({ product }: { product: Product }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(product.name)} · ${escapeHtml(product.maker)}</title>
<style>${SHOP_STYLE}</style>
</head>
<body>
<header class="bar"><span class="brand">${escapeHtml(product.maker)}</span><span class="tag">Demo shop · VCALM</span></header>
<main class="product">
  <figure class="photo">${HANDBAG_SVG}</figure>
  <section class="details">
    <p class="maker">${escapeHtml(product.maker)}</p>
    <h1>${escapeHtml(product.name)}</h1>
    <p class="price">${escapeHtml(product.price)}</p>
    <p>${escapeHtml(product.description)}</p>
    <dl class="facts">
      <dt>SKU</dt><dd id="sku">${escapeHtml(product.sku)}</dd>
      <dt>Product ID</dt><dd><code>${escapeHtml(product.subject)}</code></dd>
    </dl>
    <button id="get-credential" class="primary" type="button">Get authenticity credential</button>
    <div id="error" class="error" role="alert" hidden><strong id="error-title"></strong><p id="error-detail"></p></div>

    <section id="exchange-panel" class="panel" hidden aria-live="polite">
      <h2>Receive your credential</h2>
      <div class="share">
        <div id="qr" class="qr"></div>
        <div class="share-text">
          <p>Scan the code with your wallet, open the link, or let your browser wallet answer.</p>
          <a id="interaction-link" class="link" href="#"></a>
          <button id="open-wallet" class="secondary" type="button">Open in browser wallet</button>
          <p id="wallet-answer" class="answer"></p>
        </div>
      </div>
      <ol class="steps">
        <li id="step-waiting">Waiting for wallet</li>
        <li id="step-connected">Wallet connected</li>
        <li id="step-issued">Credential issued</li>
      </ol>
      <p id="status-line" class="status-line"></p>
      <p id="bound" class="bound" hidden>Bound to <code id="bound-did"></code></p>
    </section>
  </section>
</main>
<script>${PAGE_SCRIPT}</script>
</body>
</html>
`;
}

// The verifier's one page: "Prove you own it" asks the visitor's wallet for the provenance
// credential with navigator.credentials.get(), sends the presentation back to this server and
// shows what it found. Everything interpolated is escaped; the script is inline (no assets).
import { escapeHtml, jsonForScript } from '../lib/html';
import { PROVENANCE_TYPE } from './check-provenance';

export function renderVerifierPage({ title = 'Authenticity check' }: { title?: string } = {}): string {
  const query = [{
    type: 'QueryByExample',
    credentialQuery: {
      reason: 'Show that you own an authentic product (its provenance credential).',
      example: { type: PROVENANCE_TYPE },
    },
  }];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
  body { margin: 0; font: 16px/1.5 system-ui, sans-serif; background: #f4f6f8; color: #17212b; }
  main { max-width: 40rem; margin: 3rem auto; background: #fff; border: 1px solid #dde3e9; border-radius: 14px; padding: 2rem; }
  h1 { margin-top: 0; font-weight: 500; }
  button { font: inherit; padding: .7rem 1.3rem; border-radius: 999px; border: 1px solid #1d4f7a; background: #1d4f7a; color: #fff; cursor: pointer; }
  button:disabled { opacity: .6; }
  .result { margin-top: 1.5rem; padding: 1rem; border-radius: 10px; background: #f4f6f8; }
  .ok { background: #e6f4ea; } .bad { background: #fbe9e7; } .warn { background: #fff4e0; }
  dl { display: grid; grid-template-columns: auto 1fr; gap: .2rem 1rem; } dd { margin: 0; word-break: break-all; }
  li.pass::before { content: "✓ "; color: #2f7a4a; } li.fail::before { content: "✗ "; color: #a3302a; } li.skip::before { content: "– "; }
</style></head>
<body><main>
  <h1>${escapeHtml(title)}</h1>
  <p>Bought something authentic? Your wallet holds its provenance credential. Present it here and this page checks it:
  the signature, that it was issued to you, and who issued it.</p>
  <button id="verify" data-testid="verify">Prove you own it</button>
  <section id="result" class="result" data-testid="verify-result" hidden></section>
</main>
<script>
(() => {
  const QUERY = ${jsonForScript(query)};
  const button = document.getElementById('verify');
  const out = document.getElementById('result');
  const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
  function show(state, html) {
    out.hidden = false;
    out.className = 'result ' + state;
    out.dataset.state = state;
    out.innerHTML = html;
  }
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      const issued = await (await fetch('/api/challenges', { method: 'POST' })).json();
      show('', 'Asking your wallet…');
      let answer;
      try {
        answer = await navigator.credentials.get({ web: { VerifiablePresentation: { query: QUERY, challenge: issued.challenge, domain: issued.domain } } });
      } catch (err) {
        show('warn', 'Your wallet did not answer: ' + esc((err && err.name) || 'Error') + ': ' + esc((err && err.message) || err));
        return;
      }
      if (!answer) {
        show('warn', 'Nothing was shared (declined, or no wallet is installed).');
        return;
      }
      if (answer.dataType !== 'VerifiablePresentation') {
        show('warn', 'The wallet answered with ' + esc(answer.dataType) + ', not a presentation.');
        return;
      }
      const reply = await fetch('/api/verify', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ challenge: issued.challenge, presentation: answer.data }),
      });
      const result = await reply.json();
      if (!reply.ok) {
        show('bad', 'The verifier refused it: ' + esc(result.message || reply.status));
        return;
      }
      const line = (ok, text) => '<li class="' + (ok === null ? 'skip' : ok ? 'pass' : 'fail') + '">' + esc(text) + '</li>';
      const c = result.checks;
      show(result.verified ? 'ok' : 'bad',
        '<strong data-testid="verdict">' + (result.verified ? 'Authentic: you own this product.' : 'Not verified.') + '</strong>' +
        '<ul>' + line(c.presentation, 'Presentation signed for this page') + line(c.credential, 'Provenance credential verifies') +
        line(c.holderBinding, 'Issued to the DID that presented it') +
        line(c.issuerTrusted, c.issuerTrusted === null ? 'Issuer not checked (no trusted issuers configured)' : 'Issuer is trusted') + '</ul>' +
        '<dl><dt>Product</dt><dd data-testid="product-sku">' + esc((result.product && result.product.sku) || '—') + '</dd>' +
        '<dt>Holder</dt><dd data-testid="holder">' + esc(result.holder || '—') + '</dd>' +
        '<dt>Issuer</dt><dd>' + esc(result.issuer || '—') + '</dd></dl>' +
        (result.errors.length ? '<ul data-testid="errors">' + result.errors.map((e) => '<li>' + esc(e.name + ': ' + e.message) + '</li>').join('') + '</ul>' : ''));
      out.dataset.verified = String(result.verified);
    } catch (err) {
      show('bad', 'Something went wrong: ' + esc((err && err.message) || err));
    } finally {
      button.disabled = false;
    }
  });
})();
</script>
</body></html>`;
}

// The HTML answer of `GET {exchangeUrl}?iuv=1` for a person (a browser, not a wallet).
import QRCode from 'qrcode';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export async function interactionPage({ interactionUrl, state }: { interactionUrl: string; state: string }) {
  const svg = await QRCode.toString(interactionUrl, { type: 'svg', margin: 1, width: 256 });
  const url = escapeHtml(interactionUrl);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Credential exchange</title>
<style>body{font:16px system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}
code{word-break:break-all}figure{margin:1rem 0}</style></head>
<body><h1>Credential exchange</h1>
<p>This link starts a credential exchange (state: <strong>${escapeHtml(state)}</strong>).
Open it with your credential wallet: scan the QR code with the wallet, or use the wallet's
"scan this page" button.</p>
<figure aria-label="QR code of the interaction URL">${svg}</figure>
<p>Interaction URL: <a href="${url}"><code>${url}</code></a></p>
</body></html>`;
}

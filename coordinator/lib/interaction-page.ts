// The HTML a person sees when they open an interaction URL in a browser: the QR code to scan
// with a wallet, the link itself, and what to do. No scripts, no external assets.
import { escapeHtml } from './html';
import { qrSvg } from './qr';

export interface InteractionPageOptions {
  interactionUrl: string;
  title?: string;
  description?: string;
}

export const PAGE_STYLE = `
  :root { color-scheme: light dark; --ink: #1d1b19; --muted: #6b655d; --paper: #fbf8f3; --card: #fff; --line: #e6dfd3; --accent: #7a4b2a; }
  @media (prefers-color-scheme: dark) { :root { --ink: #f3eee7; --muted: #b3aba0; --paper: #1a1816; --card: #24211e; --line: #3a352f; --accent: #e0a878; } }
  * { box-sizing: border-box; }
  body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; background: var(--paper); color: var(--ink); }
  main { max-width: 34rem; margin: 3rem auto; padding: 0 1rem; }
  .card { background: var(--card); border: 1px solid var(--line); border-radius: 14px; padding: 1.5rem; box-shadow: 0 1px 3px rgb(0 0 0 / 6%); }
  h1 { font-size: 1.35rem; margin: 0 0 .5rem; }
  p { margin: .5rem 0; color: var(--muted); }
  .qr { width: min(18rem, 100%); margin: 1rem auto; background: #fff; border-radius: 10px; padding: .5rem; }
  .qr svg { display: block; width: 100%; height: auto; }
  .link { display: block; word-break: break-all; font: 13px/1.4 ui-monospace, Menlo, Consolas, monospace; background: var(--paper); border: 1px solid var(--line); border-radius: 8px; padding: .6rem .75rem; color: var(--accent); }
  ol { padding-left: 1.25rem; color: var(--muted); }
`;

export async function renderInteractionPage({ interactionUrl, title = 'Continue in your wallet', description }: InteractionPageOptions): Promise<string> {
  const svg = await qrSvg({ text: interactionUrl, label: 'QR code of the interaction URL' });
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${PAGE_STYLE}</style>
</head>
<body>
<main>
  <div class="card">
    <h1>${escapeHtml(title)}</h1>
    ${description ? `<p>${escapeHtml(description)}</p>` : ''}
    <div class="qr">${svg}</div>
    <ol>
      <li>Scan this code with your credential wallet, or</li>
      <li>let your browser wallet extension pick up the link below.</li>
    </ol>
    <a class="link" href="${escapeHtml(interactionUrl)}">${escapeHtml(interactionUrl)}</a>
  </div>
</main>
</body>
</html>
`;
}

export function renderMissingInteractionPage(): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Link expired</title><style>${PAGE_STYLE}</style></head>
<body><main><div class="card"><h1>This link has expired or does not exist</h1>
<p>Interaction links are valid for a limited time. Go back to the site that gave it to you and start again.</p></div></main></body>
</html>
`;
}

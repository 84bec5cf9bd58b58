// Clipboard and file helpers for the inspector's buttons (browser-only).

/** navigator.clipboard when allowed, else a hidden textarea + execCommand. */
export async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    return;
  } catch {
    // DevTools panels and unfocused pages may refuse the async clipboard
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  if (!ok) throw new Error('The clipboard refused the text.');
}

/** Offers text as a file download. */
export function downloadText({ text, filename, mimeType }: { text: string; filename: string; mimeType: string }): void {
  const url = URL.createObjectURL(new Blob([text], { type: mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file name part from an id: letters, digits, dashes. */
export function fileSafe(id: string): string {
  return id.replace(/[^A-Za-z0-9-]+/g, '-').slice(0, 60);
}

// Save text as a file from a wallet page (the popup): a Blob URL and a download link.
export function saveTextFile({ text, filename, type = 'application/json' }: { text: string; filename: string; type?: string }): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A file name from a credential's name: letters, digits and dashes. */
export function credentialFileName({ name }: { name: string }): string {
  const base = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60);
  return `${base || 'credential'}.json`;
}

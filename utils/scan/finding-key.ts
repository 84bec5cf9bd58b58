// The identity of a finding, shared by the background (which keeps each tab's findings) and the
// popup (which dedupes the codes of an image the user gave it).
import type { Finding } from './types';

/** An interaction URL by its normalised URL, a link by its URL, anything else by its value. */
export function findingKey(finding: Finding): string {
  const c = finding.classification;
  if (c.kind === 'interaction-url') return c.url;
  if (c.kind === 'url') return c.url;
  return finding.value.trim();
}

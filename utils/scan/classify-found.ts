import { classifyText } from '../vcalm/classify';
import type { Finding, FindingLocation, FindingSource } from './types';

const SOURCES = new Set(['link', 'text', 'image']);

/**
 * Classifies one found value with the same validation as a pasted URL (utils/vcalm).
 * Never drops it: an invalid interaction URL comes back as 'invalid-interaction-url' with
 * the reason, anything unrecognised as 'text'. Use it for QR texts decoded elsewhere, too.
 */
export function classifyFound({ source, value, where = {} }: { source: FindingSource; value: string; where?: FindingLocation }): Finding {
  if (!SOURCES.has(source)) throw new TypeError('"source" must be "link", "text" or "image".');
  if (typeof value !== 'string') throw new TypeError('"value" must be a string.');
  return { source, value, classification: classifyText({ text: value }), where };
}

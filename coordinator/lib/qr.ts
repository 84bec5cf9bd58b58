// QR codes for interaction URLs: inline SVG for web pages, block characters for terminals.
import QRCode from 'qrcode';

/** The QR limit in byte mode at the lowest error correction; the VCALM ceiling for interaction URLs. */
export const MAX_QR_TEXT = 4296;

function checkText(text: unknown): string {
  if (typeof text !== 'string' || text === '') throw new TypeError('"text" must be a non-empty string.');
  if (text.length > MAX_QR_TEXT) throw new TypeError(`"text" must be at most ${MAX_QR_TEXT} characters to fit in a QR code.`);
  return text;
}

/** An `<svg>` element (no XML prologue) that scales with its container. */
export async function qrSvg({ text, label = 'QR code' }: { text: string; label?: string }): Promise<string> {
  const svg = await QRCode.toString(checkText(text), { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  // Give screen readers a name; the renderer's output is fixed markup, so a plain insert is safe.
  const safeLabel = label.replace(/[<>&"]/g, '');
  return svg.trim().replace('<svg ', `<svg role="img" aria-label="${safeLabel}" `);
}

/** The QR code drawn with half-block characters, for `console.log`. */
export function qrTerminal({ text }: { text: string }): Promise<string> {
  return QRCode.toString(checkText(text), { type: 'terminal', small: true, errorCorrectionLevel: 'L' });
}

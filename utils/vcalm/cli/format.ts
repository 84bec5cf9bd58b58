// Plain-text rendering of a transcript message for the CLI.
import type { TranscriptMessage } from '../transcript';

export function formatMessage({ message, verbose }: { message: TranscriptMessage; verbose: boolean }): string {
  const status = message.error ? `${message.error.name}` : String(message.status ?? '…');
  const ms = message.durationMs === undefined ? '' : ` ${message.durationMs} ms`;
  const lines = [`#${message.seq} ${message.kind.padEnd(9)} ${message.method.padEnd(4)} ${message.url} → ${status}${ms}`];
  if (message.error) lines.push(`    ${message.error.message}`);
  if (verbose) {
    lines.push(`    request headers: ${JSON.stringify(message.requestHeaders)}`);
    if (message.requestBody !== undefined) lines.push(indent(`request body: ${JSON.stringify(message.requestBody, null, 2)}`));
    if (message.responseHeaders) lines.push(`    response headers: ${JSON.stringify(message.responseHeaders)}`);
    if (message.responseBody !== undefined) {
      const body = typeof message.responseBody === 'string' ? message.responseBody : JSON.stringify(message.responseBody, null, 2);
      lines.push(indent(`response body: ${body}`));
    }
  }
  return lines.join('\n');
}

function indent(text: string): string {
  return text.split('\n').map((l) => `    ${l}`).join('\n');
}

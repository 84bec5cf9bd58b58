// A transcript message as a curl command a developer can paste into a POSIX shell. Every
// argument is single-quoted (a ' becomes '\''), so nothing in a URL, header or body — quotes,
// $(…), backticks, newlines — is interpreted by the shell. Secret header values are never
// printed: they become a $VARIABLE named after the header, which the developer sets.
import { bodyText } from './har';
import { isSecretHeader } from './redact';
import type { TranscriptMessage } from './types';
import { namedError } from '../errors';

/** One shell word, single-quoted. NUL cannot be passed to a program, so it is refused. */
export function shellQuote({ value }: { value: string }): string {
  if (typeof value !== 'string') throw new TypeError('"value" must be a string.');
  if (value.includes('\0')) {
    throw namedError({ name: 'DataError', message: 'A shell argument cannot contain a NUL character.' });
  }
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

// Headers curl sets itself or that would lie about the re-sent body.
const SKIP = new Set(['content-length', 'host', 'connection']);

export function toCurl({ message }: { message: TranscriptMessage }): string {
  if (!message || typeof message.url !== 'string') throw new TypeError('"message" must be a transcript message.');
  const parts = ['curl'];
  if (message.method !== 'GET' || message.requestBody !== undefined) parts.push('-X', shellQuote({ value: message.method }));
  parts.push(shellQuote({ value: message.url }));
  const headers = message.requestHeaders && typeof message.requestHeaders === 'object' ? message.requestHeaders : {};
  for (const [name, raw] of Object.entries(headers)) {
    const clean = name.replace(/[\r\n\0:]/g, '').trim();
    if (!clean || SKIP.has(clean.toLowerCase())) continue;
    if (isSecretHeader(clean)) {
      // "$AUTHORIZATION" inside double quotes: expanded from the developer's own variable.
      // (clean is one of the fixed SECRET_HEADERS names, so it holds no shell syntax)
      parts.push('-H', `"${clean}: $${clean.toUpperCase().replace(/-/g, '_')}"`);
      continue;
    }
    const value = String(raw).replace(/[\r\n\0]/g, ' ');
    parts.push('-H', shellQuote({ value: `${clean}: ${value}` }));
  }
  const text = bodyText({ body: message.requestBody });
  if (text !== undefined) {
    const compact = typeof message.requestBody === 'string' ? text : JSON.stringify(JSON.parse(text));
    parts.push('--data-raw', shellQuote({ value: compact.replace(/\0/g, '') }));
  }
  return parts.join(' ');
}

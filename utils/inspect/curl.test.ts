import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { shellQuote, toCurl } from './curl';
import type { TranscriptMessage } from './types';

/** What a real POSIX shell hands to the program: argv after parsing the command line. */
function argvOf(command: string): string[] {
  // replace the program with a printer of its arguments (NUL-separated), then let sh parse the line
  const line = command.replace(/^curl /, 'printf "%s\\0" ');
  const out = execFileSync('/bin/sh', ['-c', line], { encoding: 'utf8', env: { PATH: '/usr/bin:/bin', AUTHORIZATION: 'Bearer from-env' } });
  return out.split('\0').slice(0, -1);
}

const HOSTILE = [
  `it's`,
  `'; rm -rf / #`,
  '$(touch /tmp/pwned-inspector)',
  '`id`',
  '$HOME ${PATH} $((1+1))',
  'line one\nline two\r\n',
  'back\\slash "double" \'single\' \\\'',
  '!! !$ history',
  '😀 ünïcödé \u202e',
  '-X DELETE',
  '',
  '*',
];

describe('shellQuote', () => {
  it.each(HOSTILE)('round-trips %j through /bin/sh unchanged', (value) => {
    const out = execFileSync('/bin/sh', ['-c', `printf "%s" ${shellQuote({ value })}`], { encoding: 'utf8' });
    expect(out).toBe(value);
  });

  it('leaves plain words bare and refuses NUL with a DataError', () => {
    expect(shellQuote({ value: 'https://vc.example/a?b=c' })).toBe(`'https://vc.example/a?b=c'`);
    expect(shellQuote({ value: 'application/json' })).toBe('application/json');
    expect(() => shellQuote({ value: 'a\0b' })).toThrow(expect.objectContaining({ name: 'DataError' }));
    expect(() => shellQuote({ value: 5 as unknown as string })).toThrow(TypeError);
  });
});

const base: TranscriptMessage = {
  exchangeId: 'e', seq: 1, kind: 'exchange', method: 'POST', url: 'http://127.0.0.1:9/workflows/w/exchanges/1',
  requestHeaders: { accept: 'application/json', 'content-type': 'application/json' }, requestBody: {},
  startedAt: '2026-01-01T00:00:00.000Z',
};

describe('toCurl', () => {
  it('a POST: method, URL, headers and the compact JSON body as separate, exact arguments', () => {
    const body = { verifiablePresentation: { holder: 'did:key:z6Mk', note: HOSTILE.join('|') } };
    const argv = argvOf(toCurl({ message: { ...base, requestBody: body } }));
    expect(argv).toEqual([
      '-X', 'POST', base.url,
      '-H', 'accept: application/json',
      '-H', 'content-type: application/json',
      '--data-raw', JSON.stringify(body),
    ]);
  });

  it('a GET has no -X and no body', () => {
    const argv = argvOf(toCurl({ message: { ...base, method: 'GET', url: 'https://shop.example/i/1?iuv=1&x=$(id)', requestBody: undefined } }));
    expect(argv).toEqual(['https://shop.example/i/1?iuv=1&x=$(id)', '-H', 'accept: application/json', '-H', 'content-type: application/json']);
  });

  it('hostile header names and values stay inside their argument; CR/LF cannot split a header', () => {
    const argv = argvOf(toCurl({ message: { ...base, requestHeaders: { "x-a'b": "v'; echo pwned\r\nX-Injected: 1", 'content-length': '999' } } }));
    expect(argv).toEqual(['-X', 'POST', base.url, '-H', "x-a'b: v'; echo pwned  X-Injected: 1", '--data-raw', '{}']);
  });

  it('never prints an Authorization value: it becomes $AUTHORIZATION, expanded from the developer\'s shell', () => {
    const command = toCurl({ message: { ...base, requestHeaders: { Authorization: 'Bearer s3cret', Cookie: 'sid=abc' } } });
    expect(command).not.toContain('s3cret');
    expect(command).not.toContain('sid=abc');
    expect(command).toContain('"Authorization: $AUTHORIZATION"');
    expect(argvOf(command)).toEqual(['-X', 'POST', base.url, '-H', 'Authorization: Bearer from-env', '-H', 'Cookie: ', '--data-raw', '{}']);
  });

  it('private keys in a body are redacted', () => {
    const command = toCurl({ message: { ...base, requestBody: { secretKeyMultibase: 'zSECRET', publicKeyMultibase: 'zPUB' } } });
    expect(command).not.toContain('zSECRET');
    expect(argvOf(command).at(-1)).toBe('{"secretKeyMultibase":"[redacted]","publicKeyMultibase":"zPUB"}');
  });

  it('a text body is sent as it was', () => {
    const argv = argvOf(toCurl({ message: { ...base, requestHeaders: { 'content-type': 'text/plain' }, requestBody: "it's\nraw" } }));
    expect(argv.at(-1)).toBe("it's\nraw");
  });
});

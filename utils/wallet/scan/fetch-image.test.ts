import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { checkImageHop, fetchImage } from './fetch-image';

let server: Server;
const hits: string[] = [];
let base: string;
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? '/';
    hits.push(path);
    if (path === '/hop') return void res.writeHead(302, { location: '/qr.png' }).end();
    if (path === '/to-userinfo') return void res.writeHead(302, { location: `http://u:p@${req.headers.host}/qr.png?userinfo` }).end();
    if (path === '/to-file') return void res.writeHead(307, { location: 'file:///etc/passwd' }).end();
    if (path === '/loop') return void res.writeHead(302, { location: '/loop' }).end();
    if (path === '/qr.png') res.writeHead(200, { 'content-type': 'image/png' }).end(PNG);
    else if (path === '/page') res.writeHead(200, { 'content-type': 'text/html' }).end('<html>');
    else if (path === '/qr.svg') res.writeHead(200, { 'content-type': 'image/svg+xml' }).end('<svg/>');
    else if (path === '/declared-big') res.writeHead(200, { 'content-type': 'image/png', 'content-length': String(10_000) }).end(Buffer.alloc(10_000));
    else if (path === '/streamed-big') {
      res.writeHead(200, { 'content-type': 'image/jpeg' }); // chunked: no length announced
      let sent = 0;
      const more = () => {
        if (sent >= 10_000) return res.end();
        sent += 1000;
        res.write(Buffer.alloc(1000), more);
      };
      more();
    } else if (path === '/slow') setTimeout(() => res.writeHead(200, { 'content-type': 'image/png' }).end(PNG), 2000).unref();
    else res.writeHead(404, { 'content-type': 'text/plain' }).end('nope');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('fetchImage', () => {
  test('redirects: a checked hop is followed; a refused hop is never contacted; a loop stops by name', async () => {
    hits.length = 0;
    expect((await fetchImage({ url: `${base}/hop` })).type).toBe('image/png');
    expect(hits).toEqual(['/hop', '/qr.png']);
    hits.length = 0;
    await expect(fetchImage({ url: `${base}/to-userinfo` })).rejects.toMatchObject({ name: 'NotAllowedError' });
    await expect(fetchImage({ url: `${base}/to-file` })).rejects.toMatchObject({ name: 'NotSupportedError' });
    expect(hits).toEqual(['/to-userinfo', '/to-file']);
    await expect(fetchImage({ url: `${base}/loop` })).rejects.toMatchObject({ name: 'RedirectLimitError' });
  });

  test('a public image may not redirect into loopback or the local network; a local one may', () => {
    for (const url of ['http://127.0.0.1:8080/x.png', 'http://192.168.1.1/x.png', 'https://10.0.0.2/x.png', 'http://localhost/x.png']) {
      expect(() => checkImageHop({ url, privateNetwork: false }), url).toThrow(expect.objectContaining({ name: 'NotAllowedError' }));
      expect(() => checkImageHop({ url, privateNetwork: true })).not.toThrow();
    }
    expect(() => checkImageHop({ url: 'https://cdn.example/x.png', privateNetwork: false })).not.toThrow();
  });

  test('a raster image comes back as a Blob of its type', async () => {
    const blob = await fetchImage({ url: `${base}/qr.png` });
    expect(blob.type).toBe('image/png');
    expect(Buffer.from(await blob.arrayBuffer())).toEqual(PNG);
  });

  test('a data:image URL works the same way', async () => {
    const blob = await fetchImage({ url: `data:image/png;base64,${PNG.toString('base64')}` });
    expect(blob.size).toBe(PNG.length);
  });

  test.each([
    ['/page', 'NotSupportedError', /Not a raster image \(text\/html/],
    ['/qr.svg', 'NotSupportedError', /SVG/],
    ['/missing', 'OperationError', /404/],
  ])('%s → %s', async (path, name, message) => {
    await expect(fetchImage({ url: `${base}${path}` })).rejects.toMatchObject({ name, message: expect.stringMatching(message) });
  });

  test('too big: refused from the announced length, or while streaming without one', async () => {
    await expect(fetchImage({ url: `${base}/declared-big`, maxBytes: 5000 })).rejects.toMatchObject({ name: 'DataError' });
    await expect(fetchImage({ url: `${base}/streamed-big`, maxBytes: 5000 })).rejects.toMatchObject({ name: 'DataError' });
    expect((await fetchImage({ url: `${base}/streamed-big`, maxBytes: 20_000 })).size).toBe(10_000);
  });

  test('too slow: TimeoutError', async () => {
    await expect(fetchImage({ url: `${base}/slow`, timeoutMs: 200 })).rejects.toMatchObject({ name: 'TimeoutError' });
  });

  test('only http(s) and data:image URLs', async () => {
    for (const url of ['file:///etc/passwd', 'javascript:1', 'chrome://settings', 'data:text/html,x', 42]) {
      await expect(fetchImage({ url: url as string })).rejects.toThrow(TypeError);
    }
  });
});

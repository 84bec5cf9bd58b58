// Read a fetch Response body with a size cap: a declared Content-Length over the cap is refused
// before reading, and a body that streams past it is cancelled as soon as it does.

/** The body's bytes, or `tooLarge()` thrown once the body is known to exceed `maxBytes`. */
export async function readCappedBytes({ response, maxBytes, tooLarge }: {
  response: Response;
  maxBytes: number;
  tooLarge: () => Error;
}): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => {}); // discarding an over-size body: nothing to report
    throw tooLarge();
  }
  const reader = response.body?.getReader();
  if (!reader) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {}); // as above
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

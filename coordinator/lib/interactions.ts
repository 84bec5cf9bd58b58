// Hosting interaction URLs (`{origin}/interactions/{id}?iuv=1`) on the coordinator's own origin.
// A wallet asking for JSON gets `{protocols: {vcapi: exchangeUrl}}`; a person gets a page with
// the QR code. Plug `handle` into any node:http server.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { checkHttpUrl } from './http';
import { renderInteractionPage, renderMissingInteractionPage } from './interaction-page';

export interface Interaction {
  id: string;
  exchangeUrl: string;
  protocols: Record<string, string>;
  title?: string;
  description?: string;
  /** Epoch ms after which the interaction answers 404 and is forgotten. */
  expiresAt?: number;
}

export interface AddInteractionOptions {
  exchangeUrl: string;
  /** Defaults to a random UUID. Letters, digits, `-` and `_` only. */
  id?: string;
  /** Extra protocols besides `vcapi` (e.g. `OID4VCI`). */
  protocols?: Record<string, string>;
  title?: string;
  description?: string;
  expires?: Date | string;
}

export interface InteractionHost {
  /** Registers an exchange; `interactionUrl({origin, id})` then gives its URL. */
  add(options: AddInteractionOptions): Interaction;
  get({ id }: { id: string }): Interaction | undefined;
  remove({ id }: { id: string }): boolean;
  interactionUrl({ origin, id }: { origin: string; id: string }): string;
  /** Answers requests under the path prefix and resolves `true`; resolves `false` for any other path. */
  handle(request: IncomingMessage, response: ServerResponse): Promise<boolean>;
}

export interface InteractionHostOptions {
  /** Default `/interactions/`. */
  pathPrefix?: string;
  /** How many interactions to hold at once (oldest forgotten first). Default 10,000. */
  maxInteractions?: number;
}

const ID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;

export function createInteractionHost({ pathPrefix = '/interactions/', maxInteractions = 10_000 }: InteractionHostOptions = {}): InteractionHost {
  if (typeof pathPrefix !== 'string' || !pathPrefix.startsWith('/') || !pathPrefix.endsWith('/')) {
    throw new TypeError('"pathPrefix" must start and end with "/".');
  }
  const interactions = new Map<string, Interaction>();

  const lookup = (id: string): Interaction | undefined => {
    const found = interactions.get(id);
    if (found?.expiresAt !== undefined && Date.now() > found.expiresAt) {
      interactions.delete(id);
      return undefined;
    }
    return found;
  };

  const host: InteractionHost = {
    add({ exchangeUrl, id = randomUUID(), protocols, title, description, expires }) {
      const url = checkHttpUrl({ value: exchangeUrl, label: 'exchangeUrl' });
      if (typeof id !== 'string' || !ID_PATTERN.test(id)) throw new TypeError('"id" must be 1–128 letters, digits, "-" or "_".');
      const interaction: Interaction = { id, exchangeUrl: url.href, protocols: { ...protocols, vcapi: url.href } };
      if (title !== undefined) interaction.title = String(title);
      if (description !== undefined) interaction.description = String(description);
      if (expires !== undefined) {
        const at = new Date(expires).getTime();
        if (Number.isNaN(at)) throw new TypeError('"expires" must be a Date or an ISO date-time string.');
        interaction.expiresAt = at;
      }
      interactions.delete(id);
      interactions.set(id, interaction);
      while (interactions.size > maxInteractions) interactions.delete(interactions.keys().next().value as string);
      return interaction;
    },
    get: ({ id }) => lookup(id),
    remove: ({ id }) => interactions.delete(id),
    interactionUrl({ origin, id }) {
      const base = new URL(origin);
      return new URL(`${pathPrefix}${encodeURIComponent(id)}?iuv=1`, base.origin).href;
    },
    async handle(request, response) {
      const url = new URL(request.url ?? '/', 'http://localhost');
      if (!url.pathname.startsWith(pathPrefix)) return false;
      const wantsJson = prefersJson(request.headers.accept);
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        sendError(response, { status: 405, name: 'NotSupportedError', message: 'Interaction URLs answer GET only.', wantsJson, headers: { allow: 'GET, HEAD' } });
        return true;
      }
      let id = '';
      try {
        id = decodeURIComponent(url.pathname.slice(pathPrefix.length));
      } catch {
        // malformed %-escape: treated as an unknown id below
      }
      const iuv = url.searchParams.get('iuv');
      if (iuv !== null && iuv !== '1') {
        sendError(response, { status: 400, name: 'NotSupportedError', message: `Interaction URL version ${JSON.stringify(iuv.slice(0, 20))} is not supported; use iuv=1.`, wantsJson });
        return true;
      }
      const interaction = ID_PATTERN.test(id) ? lookup(id) : undefined;
      if (!interaction) {
        if (wantsJson) {
          sendError(response, { status: 404, name: 'NotFoundError', message: 'This interaction has expired or does not exist.', wantsJson });
        } else {
          send(response, { status: 404, type: 'text/html; charset=utf-8', body: renderMissingInteractionPage(), headers: PAGE_HEADERS });
        }
        return true;
      }
      if (wantsJson) {
        send(response, { status: 200, type: 'application/json', body: JSON.stringify({ protocols: interaction.protocols }), headers: { vary: 'Accept' } });
        return true;
      }
      const origin = `${isEncrypted(request) ? 'https' : 'http'}://${request.headers.host ?? 'localhost'}`;
      const body = await renderInteractionPage({
        interactionUrl: host.interactionUrl({ origin, id }),
        title: interaction.title,
        description: interaction.description,
      });
      send(response, { status: 200, type: 'text/html; charset=utf-8', body, headers: { ...PAGE_HEADERS, vary: 'Accept' } });
      return true;
    },
  };
  return host;
}

const PAGE_HEADERS = {
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
};

/** True when the client asks for JSON at least as strongly as for HTML (so browsers get the page). */
export function prefersJson(accept: string | undefined): boolean {
  if (!accept) return false;
  let json = 0;
  let html = 0;
  for (const part of accept.split(',')) {
    const [type, ...params] = part.trim().toLowerCase().split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) || 0 : 1;
    if (type === 'application/json' || type.endsWith('+json')) json = Math.max(json, q);
    if (type === 'text/html' || type === 'application/xhtml+xml') html = Math.max(html, q);
  }
  return json > 0 && json >= html;
}

function isEncrypted(request: IncomingMessage): boolean {
  return Boolean((request.socket as { encrypted?: boolean }).encrypted);
}

function send(response: ServerResponse, { status, type, body, headers = {} }: { status: number; type: string; body: string; headers?: Record<string, string> }) {
  response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...headers });
  response.end(response.req?.method === 'HEAD' ? undefined : body);
}

function sendError(response: ServerResponse, { status, name, message, wantsJson, headers }: { status: number; name: string; message: string; wantsJson: boolean; headers?: Record<string, string> }) {
  if (wantsJson) {
    send(response, { status, type: 'application/json', body: JSON.stringify({ name, message }), headers });
  } else {
    send(response, { status, type: 'text/plain; charset=utf-8', body: `${message}\n`, headers });
  }
}

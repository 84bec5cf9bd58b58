// Render templates for cards, fetched by the background: only URLs the wallet's URL policy
// allows, no cookies, no referrer, no redirects, a size cap and a timeout. A template is cached
// (utils/db) by URL, and only when it matches the digest the credential names (or none is named).
import { matchesDigestMultibase, MAX_TEMPLATE_CHARS, renderCard, type CardRendering, type LoadTemplate } from '../cards';
import { namedError } from '../errors';
import { readCappedBytes } from '../read-capped';
import { checkEndpointUrl } from '../vcalm';
import type { WalletContext } from './context';

const TIMEOUT_MS = 10_000;
const TYPES = { svg: /^(image\/svg\+xml|application\/xml|text\/xml|text\/plain)\b/i, html: /^(text\/html|text\/plain)\b/i };

export function createTemplateLoader({ ctx }: { ctx: WalletContext }): LoadTemplate {
  const doFetch = ctx.fetch ?? ((input: string, init?: RequestInit) => globalThis.fetch(input, init));
  const matches = async (body: string, digestMultibase?: string) =>
    !digestMultibase || (await matchesDigestMultibase({ bytes: new TextEncoder().encode(body), digestMultibase }).catch(() => false));
  return async ({ url, format, digestMultibase }) => {
    const parsed = checkEndpointUrl({ url, what: 'card template URL' });
    const db = await ctx.db;
    const cached = await db.renderTemplates.get({ url: parsed.href });
    if (cached && (await matches(cached.body, digestMultibase))) return cached.body;
    let response: Response;
    try {
      response = await doFetch(parsed.href, {
        credentials: 'omit',
        referrerPolicy: 'no-referrer',
        redirect: 'error',
        signal: AbortSignal.timeout(TIMEOUT_MS),
        headers: { accept: format === 'svg' ? 'image/svg+xml' : 'text/html' },
      });
    } catch (cause) {
      throw namedError({ name: 'NetworkError', message: `the template at ${parsed.origin} could not be fetched.`, cause });
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      throw namedError({ name: 'NetworkError', message: `the template at ${parsed.origin} answered HTTP ${response.status}.`, status: response.status });
    }
    const type = response.headers.get('content-type') ?? '';
    if (type && !TYPES[format].test(type)) {
      await response.body?.cancel().catch(() => undefined);
      throw namedError({ name: 'DataError', message: `the template at ${parsed.origin} is ${type.split(';')[0]}, not ${format === 'svg' ? 'SVG' : 'HTML'}.` });
    }
    const bytes = await readCappedBytes({
      response,
      maxBytes: MAX_TEMPLATE_CHARS,
      tooLarge: () => namedError({ name: 'DataError', message: `the template at ${parsed.origin} is larger than ${MAX_TEMPLATE_CHARS / 1024} KB.` }),
    });
    const body = new TextDecoder().decode(bytes);
    if (await matches(body, digestMultibase)) {
      await db.renderTemplates.put({ url: parsed.href, body, mediaType: type || format, fetchedAt: (ctx.now?.() ?? new Date()).toISOString() });
    }
    return body;
  };
}

const loaders = new WeakMap<WalletContext, LoadTemplate>();

/** The card for a credential; `fetchTemplates: false` never fetches (for credentials that did not verify). */
export async function cardFor({ ctx, credential, fetchTemplates = true }: { ctx: WalletContext; credential: unknown; fetchTemplates?: boolean }): Promise<CardRendering> {
  let load = loaders.get(ctx);
  if (!load) {
    load = createTemplateLoader({ ctx });
    loaders.set(ctx, load);
  }
  const refuse: LoadTemplate = async () => {
    throw new Error('the credential did not verify, so its design was not fetched.');
  };
  return renderCard({ credential, loadTemplate: fetchTemplates ? load : refuse });
}

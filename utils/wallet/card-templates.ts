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

const MAX_IMAGE_BYTES = 256 * 1024;
const IMAGE_TYPES = /^image\/(png|jpeg|gif|webp|svg\+xml)$/i;

/**
 * An issuer logo or badge image named by an http(s) URL, fetched like a template (policy, no
 * cookies, cap) and kept as a data: URL, so the pages show it without contacting anyone.
 */
async function imageDataUrl({ ctx, url }: { ctx: WalletContext; url: string }): Promise<string | undefined> {
  try {
    const parsed = checkEndpointUrl({ url, what: 'image URL' });
    const db = await ctx.db;
    const cached = await db.renderTemplates.get({ url: parsed.href });
    if (cached?.body.startsWith('data:image/')) return cached.body;
    const doFetch = ctx.fetch ?? ((input: string, init?: RequestInit) => globalThis.fetch(input, init));
    const response = await doFetch(parsed.href, { credentials: 'omit', referrerPolicy: 'no-referrer', redirect: 'error', signal: AbortSignal.timeout(TIMEOUT_MS) });
    const type = (response.headers.get('content-type') ?? '').split(';')[0].trim();
    if (!response.ok || !IMAGE_TYPES.test(type)) {
      await response.body?.cancel().catch(() => undefined);
      return undefined;
    }
    const bytes = await readCappedBytes({ response, maxBytes: MAX_IMAGE_BYTES, tooLarge: () => new Error('too large') });
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    const body = `data:${type};base64,${btoa(binary)}`;
    await db.renderTemplates.put({ url: parsed.href, body, mediaType: type, fetchedAt: (ctx.now?.() ?? new Date()).toISOString() });
    return body;
  } catch {
    return undefined; // no image: the card shows a monogram
  }
}

const remoteImage = (value: unknown): string | undefined => {
  const url = typeof value === 'string' ? value : value && typeof value === 'object' ? (value as { id?: unknown }).id : undefined;
  return typeof url === 'string' && /^https?:\/\//i.test(url) ? url : undefined;
};

async function withImages({ ctx, credential, card }: { ctx: WalletContext; credential: unknown; card: CardRendering }): Promise<CardRendering> {
  const c = (credential && typeof credential === 'object' ? credential : {}) as Record<string, any>;
  const subject = Array.isArray(c.credentialSubject) ? c.credentialSubject[0] : c.credentialSubject;
  const issuerUrl = !card.facts.issuer.image ? remoteImage(c.issuer?.image) : undefined;
  const badgeUrl = card.facts.achievement && !card.facts.achievement.image ? remoteImage(subject?.achievement?.image) : undefined;
  const [issuerImage, badgeImage] = await Promise.all([
    issuerUrl ? imageDataUrl({ ctx, url: issuerUrl }) : undefined,
    badgeUrl ? imageDataUrl({ ctx, url: badgeUrl }) : undefined,
  ]);
  if (!issuerImage && !badgeImage) return card;
  return {
    ...card,
    facts: {
      ...card.facts,
      issuer: { ...card.facts.issuer, ...(issuerImage ? { image: issuerImage } : {}) },
      ...(card.facts.achievement ? { achievement: { ...card.facts.achievement, ...(badgeImage ? { image: badgeImage } : {}) } } : {}),
    },
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
  const card = await renderCard({ credential, loadTemplate: fetchTemplates ? load : refuse });
  return fetchTemplates ? withImages({ ctx, credential, card }) : card;
}

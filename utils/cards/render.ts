// A credential → its card: the plain facts always, and the issuer's own design when a render
// method can be drawn. The template is checked against its digestMultibase (when given) before
// use, filled (every value escaped), and handed out in a form that cannot run or fetch anything:
// SVG as a data: URL for an <img>, HTML as the srcdoc of a sandboxed frame under a CSP that
// allows no network. Anything that fails leaves the plain card and says why.
import { cardFacts, type CardFacts } from './card-facts';
import { matchesDigestMultibase } from './digest';
import { fillTemplate } from './fill-template';
import { hasRenderMethod, renderPlans, type RenderPlan } from './render-method';

export type RenderedTemplate =
  | { format: 'svg'; dataUrl: string }
  | { format: 'html'; srcdoc: string };

export interface CardRendering {
  facts: CardFacts;
  /** The issuer's design, filled in. */
  rendered?: RenderedTemplate;
  /** The render method used. */
  renderType?: string;
  /** Why the issuer's design is not shown, when the credential has one. */
  fallback?: string;
}

/** Fetches a template's text (the caller's policy: no cookies, size cap, cache). */
export type LoadTemplate = (options: { url: string; format: 'svg' | 'html'; digestMultibase?: string }) => Promise<string>;

export const MAX_TEMPLATE_CHARS = 512 * 1024;
/** No network, no scripts: only inline styles and data: images and fonts. */
export const SANDBOX_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:";

function toBase64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

async function drawPlan({ plan, credential, loadTemplate }: {
  plan: RenderPlan;
  credential: Record<string, unknown>;
  loadTemplate: LoadTemplate;
}): Promise<RenderedTemplate> {
  const template = plan.inline ?? (await loadTemplate({ url: plan.url!, format: plan.format, ...(plan.digestMultibase ? { digestMultibase: plan.digestMultibase } : {}) }));
  if (template.length > MAX_TEMPLATE_CHARS) throw new Error(`the template is larger than ${MAX_TEMPLATE_CHARS / 1024} KB.`);
  if (plan.digestMultibase) {
    const ok = await matchesDigestMultibase({ bytes: new TextEncoder().encode(template), digestMultibase: plan.digestMultibase });
    if (!ok) throw Object.assign(new Error('its template does not match the digest the issuer signed (digestMultibase), so it may have been changed.'), { name: 'DataError' });
  }
  const filled = fillTemplate({ template, credential, ...(plan.renderProperty ? { renderProperty: plan.renderProperty } : {}) });
  if (plan.format === 'svg') {
    if (!/<svg[\s>]/i.test(filled)) throw new Error('the SVG template has no <svg> element.');
    return { format: 'svg', dataUrl: `data:image/svg+xml;base64,${toBase64(filled)}` };
  }
  return { format: 'html', srcdoc: `<!doctype html><meta http-equiv="Content-Security-Policy" content="${SANDBOX_CSP}">${filled}` };
}

export async function renderCard({ credential, loadTemplate }: { credential: unknown; loadTemplate: LoadTemplate }): Promise<CardRendering> {
  const facts = cardFacts({ credential });
  if (!hasRenderMethod({ credential })) return { facts };
  const plans = renderPlans({ credential });
  if (!plans.length) return { facts, fallback: 'The issuer\'s card design uses a render method this wallet does not draw; showing the plain card.' };
  let firstError: string | undefined;
  for (const plan of plans) {
    try {
      return { facts, rendered: await drawPlan({ plan, credential: credential as Record<string, unknown>, loadTemplate }), renderType: plan.type };
    } catch (error) {
      firstError ??= `The issuer's card design (${plan.type}) is not shown: ${(error as Error)?.message ?? error}`;
    }
  }
  return { facts, fallback: firstError };
}

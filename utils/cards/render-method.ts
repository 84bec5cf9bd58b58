// Which of a credential's render methods the wallet can draw, and where its template comes from.
// Read: TemplateRenderMethod (W3C vc-render-method draft; svg-mustache, and an inline html
// suite), SvgRenderingTemplate2023 (LCW / Inji: an SVG URL with JSON-pointer placeholders),
// RenderTemplate2024 (UNTP: an inline or linked HTML or SVG template). SVG is preferred: it is
// drawn as an image, the most inert form.

export type TemplateFormat = 'svg' | 'html';

export interface RenderPlan {
  /** The render method's type, as the credential says it. */
  type: string;
  format: TemplateFormat;
  /** The template's text when the credential carries it (inline or a data: URL). */
  inline?: string;
  /** Where to fetch it from otherwise. */
  url?: string;
  digestMultibase?: string;
  renderProperty?: string[];
  name?: string;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);

function formatOf(mediaType: string | undefined, fallback: TemplateFormat | undefined): TemplateFormat | undefined {
  if (!mediaType) return fallback;
  if (/^image\/svg\+xml\b/i.test(mediaType)) return 'svg';
  if (/^text\/html\b/i.test(mediaType)) return 'html';
  return undefined;
}

/** A data: URL's text (base64 or percent-encoded), or undefined when it is not one. */
export function dataUrlText(url: string): { mediaType: string; text: string } | undefined {
  const match = /^data:([^,;]*)((?:;[^,;]*)*?)(;base64)?,(.*)$/is.exec(url);
  if (!match) return undefined;
  const [, mediaType, , base64, data] = match;
  try {
    const text = base64
      ? new TextDecoder().decode(Uint8Array.from(atob(data), (c) => c.charCodeAt(0)))
      : decodeURIComponent(data);
    return { mediaType: mediaType || 'text/plain', text };
  } catch {
    return undefined;
  }
}

function source(value: string, format: TemplateFormat | undefined): Pick<RenderPlan, 'inline' | 'url' | 'format'> | undefined {
  if (value.startsWith('data:')) {
    const data = dataUrlText(value);
    const f = data && formatOf(data.mediaType, format);
    return data && f ? { inline: data.text, format: f } : undefined;
  }
  if (/^https?:\/\//i.test(value)) return format ? { url: value, format } : undefined;
  // an inline template (RenderTemplate2024, the html suite)
  if (value.trimStart().startsWith('<')) {
    const f = format ?? (/^\s*(<\?xml[^>]*>\s*)?<svg[\s>]/i.test(value) ? 'svg' : 'html');
    return { inline: value, format: f };
  }
  return undefined;
}

function planFor(method: Json): RenderPlan | undefined {
  const type = str(method.type);
  const renderProperty = Array.isArray(method.renderProperty) ? method.renderProperty.filter((p): p is string => typeof p === 'string') : undefined;
  const common = { ...(str(method.name) ? { name: str(method.name) } : {}), ...(renderProperty ? { renderProperty } : {}) };
  if (type === 'SvgRenderingTemplate2023') {
    const url = str(method.id) ?? str(method.url);
    const found = url && source(url, 'svg');
    return found ? { type, ...found, ...(str(method.digestMultibase) ? { digestMultibase: str(method.digestMultibase) } : {}), ...common } : undefined;
  }
  if (type === 'RenderTemplate2024') {
    const format = formatOf(str(method.mediaType), 'html');
    const found = (str(method.template) && source(str(method.template)!, format)) || (str(method.url) && source(str(method.url)!, format));
    return found ? { type, ...found, ...(str(method.digestMultibase) ? { digestMultibase: str(method.digestMultibase) } : {}), ...common } : undefined;
  }
  if (type === 'TemplateRenderMethod') {
    const suite = str(method.renderSuite);
    const suiteFormat: TemplateFormat | undefined = suite === 'svg-mustache' ? 'svg' : suite === 'html' ? 'html' : undefined;
    if (!suiteFormat) return undefined;
    const template = method.template;
    const templateProps = isObject(template) && Array.isArray(template.renderProperty) ? template.renderProperty.filter((p): p is string => typeof p === 'string') : undefined;
    if (isObject(template)) {
      const url = str(template.id);
      const found = url && source(url, formatOf(str(template.mediaType), suiteFormat));
      return found && found.format === suiteFormat
        ? { type, ...found, ...(str(template.digestMultibase) ? { digestMultibase: str(template.digestMultibase) } : {}), ...common, ...(templateProps ? { renderProperty: templateProps } : {}) }
        : undefined;
    }
    const found = str(template) && source(str(template)!, suiteFormat);
    return found ? { type, ...found, ...common } : undefined;
  }
  return undefined;
}

/** Every render method of the credential the wallet can draw, SVG first. */
export function renderPlans({ credential }: { credential: unknown }): RenderPlan[] {
  const value = isObject(credential) ? credential.renderMethod : undefined;
  const methods = (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter(isObject).slice(0, 10);
  const plans = methods.map(planFor).filter((p): p is RenderPlan => !!p);
  return [...plans.filter((p) => p.format === 'svg'), ...plans.filter((p) => p.format === 'html')];
}

/** true when the credential names render methods at all (drawable or not). */
export function hasRenderMethod({ credential }: { credential: unknown }): boolean {
  return isObject(credential) && credential.renderMethod !== undefined;
}

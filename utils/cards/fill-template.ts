// Fills a render template's placeholders from the credential: `{{/json/pointer}}` (what LCW and
// Inji SVG templates use) and `{{dotted.path}}` (mustache / handlebars variables, as UNTP's
// RenderTemplate2024 and svg-mustache use). Every value is escaped for XML/HTML. Sections,
// partials and helpers are refused rather than half-run: mustache.js reads `{{/…}}` as a section
// end (so it cannot fill pointer templates) and Handlebars compiles templates with `new Function`,
// which the extension's CSP forbids — and a card needs nothing beyond variables.
import { namedError } from '../errors';
import { readPointer } from './json-pointer';

const PLACEHOLDER = /\{\{\{?\s*([^{}]*?)\s*\}?\}\}/g;
const MAX_VALUE = 500;

export function escapeMarkup(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function display(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value.slice(0, MAX_VALUE);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'object' && typeof (value as { name?: unknown }).name === 'string') return display((value as { name: string }).name);
  if (typeof value === 'object' && typeof (value as { id?: unknown }).id === 'string') return display((value as { id: string }).id);
  return '';
}

export function fillTemplate({ template, credential, renderProperty }: {
  template: string;
  credential: Record<string, unknown>;
  /** When given: the only pointers the template may read (the render method draft's renderProperty). */
  renderProperty?: string[];
}): string {
  if (typeof template !== 'string') throw new TypeError('"template" must be a string.');
  return template.replace(PLACEHOLDER, (_whole, expression: string) => {
    if (/^[#^>!&]|^else$/.test(expression) || (expression.startsWith('/') && !expression.slice(1).includes('/') && /^\/(each|if|unless|with)$/.test(expression))) {
      throw namedError({ name: 'NotSupportedError', message: `The template uses "{{${expression.slice(0, 40)}}}"; only value placeholders are rendered.` });
    }
    const pointer = expression.startsWith('/')
      ? expression
      : `/${expression.split('.').map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;
    if (renderProperty && !renderProperty.some((allowed) => pointer === allowed || pointer.startsWith(`${allowed}/`))) return '';
    return escapeMarkup(display(readPointer({ document: credential, pointer })));
  });
}

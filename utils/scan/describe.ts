// A found value in words for the popup: what it is, and what the wallet can do with it.
import type { Classification } from '../vcalm/classify';

export function describeClassification({ classification: c }: { classification: Classification }): { label: string; detail: string; tone: 'ok' | 'warning' | 'muted' | 'error' } {
  switch (c.kind) {
    case 'interaction-url':
      return { label: 'Interaction', detail: c.url, tone: 'ok' };
    case 'invalid-interaction-url':
      return { label: 'Unusable interaction URL', detail: `${c.error.message} (${c.text.slice(0, 120)})`, tone: 'error' };
    case 'url':
      return { label: c.secure ? 'A plain link, not an interaction URL' : 'An insecure plain link', detail: c.url, tone: 'muted' };
    case 'oid4vci-offer':
      return { label: 'An OpenID4VCI credential offer (this wallet speaks VCALM only)', detail: c.uri.slice(0, 300), tone: 'warning' };
    case 'oid4vp-request':
      return { label: 'An OpenID4VP presentation request (this wallet speaks VCALM only)', detail: c.uri.slice(0, 300), tone: 'warning' };
    case 'vp':
      return { label: 'A verifiable presentation (credentials), not a request', detail: JSON.stringify(c.value).slice(0, 200), tone: 'warning' };
    case 'vpr':
      return { label: 'A presentation request without an interaction URL', detail: c.exchangeUrl ?? JSON.stringify(c.value).slice(0, 200), tone: 'warning' };
    default:
      return { label: 'Text', detail: c.text.slice(0, 300), tone: 'muted' };
  }
}

// The discovery step: GET the interaction URL (Accept: application/json) → {protocols}; follow
// `interact` (bounded); pick vcapi.
import { errorFromResponse } from './http-error';
import { vcalmError } from './errors';
import type { ExchangeEvent } from './events';
import { sendHttp } from './http';
import { parseInteractionUrl } from './interaction-url';
import { checkProtocols, noVcapiError, pickVcapi } from './protocols';
import type { StepContext } from './step-context';
import type { ExchangeState } from './state';
import { checkStateUrl } from './state';

export async function discover({ state, ctx }: { state: ExchangeState; ctx: StepContext }): Promise<ExchangeEvent> {
  if (!state.interactionUrl) throw vcalmError({ name: 'InvalidStateError', message: 'This exchange has no interaction URL to discover.' });
  let url = state.interactionUrl;
  let kind: 'protocols' | 'redirect' = state.discoverKind ?? 'protocols';
  delete state.discoverKind;
  const warnings: string[] = [];
  for (let hops = 0; ; hops++) {
    const res = await sendHttp({
      fetch: ctx.fetch, method: 'GET', url, kind, exchangeId: state.id, seq: state.seq++,
      onMessage: ctx.onMessage, limits: state.limits, deadline: state.deadline, signal: ctx.signal,
      // every HTTP redirect hop is checked before it is followed
      checkRedirect: (target) => checkStateUrl({ state, url: target, what: 'redirect target' }),
    });
    if (res.status < 200 || res.status > 299) throw errorFromResponse({ status: res.status, body: res.body, requestUrl: url, method: 'GET' });
    if (res.url && res.url !== url) checkStateUrl({ state, url: res.url, what: 'redirected interaction URL' });
    const checked = checkProtocols({ body: res.body, url });
    warnings.push(...checked.warnings);
    const vcapi = pickVcapi({ protocols: checked.protocols });
    if (vcapi) {
      const exchangeUrl = checkStateUrl({ state, url: vcapi, what: 'vcapi exchange URL' }).href;
      state.exchangeUrl = exchangeUrl;
      state.protocols = checked.protocols;
      state.warnings.push(...warnings);
      state.status = 'ready';
      state.outgoing = {};
      return { type: 'protocols', interactionUrl: url, origin: new URL(url).origin, protocols: checked.protocols, exchangeUrl, warnings };
    }
    if (typeof checked.protocols.interact !== 'string') throw noVcapiError({ protocols: checked.protocols, url });
    if (hops >= state.limits.maxInteractHops) {
      throw vcalmError({
        name: 'RedirectLimitError',
        message: `Followed ${hops} "interact" hops from ${state.interactionUrl} without finding "vcapi" (limit ${state.limits.maxInteractHops}).`,
        requestUrl: url,
      });
    }
    url = parseInteractionUrl({ url: checked.protocols.interact }).url;
    checkStateUrl({ state, url, what: 'interact URL' });
    kind = 'protocols';
  }
}

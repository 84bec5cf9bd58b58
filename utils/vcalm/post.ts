// The POST step: send `outgoing` (+ referenceId) to the exchange URL, read the reply, move on.
import { vcalmError } from './errors';
import { requestEvent, type ExchangeEvent } from './events';
import { sendHttp } from './http';
import { errorFromResponse } from './http-error';
import { parseInteractionUrl } from './interaction-url';
import { parseExchangeReply } from './replies';
import type { StepContext } from './step-context';
import type { ExchangeState, QueuedAfterCredentials } from './state';
import { checkStateUrl } from './state';

/** Returns an event to report, or undefined when the loop should go on (POST again / discover). */
export async function post({ state, ctx }: { state: ExchangeState; ctx: StepContext }): Promise<ExchangeEvent | undefined> {
  const url = state.exchangeUrl!;
  if (state.steps >= state.limits.maxSteps) {
    throw vcalmError({ name: 'StepLimitError', message: `The exchange at ${url} took more than ${state.limits.maxSteps} steps; stopped.`, requestUrl: url });
  }
  const body: Record<string, unknown> = { ...(state.outgoing ?? {}) };
  if (state.referenceId) body.referenceId = state.referenceId;
  const carriesPresentation = body.verifiablePresentation !== undefined;
  const seq = state.seq++;
  state.pending = { seq, url, body, startedAt: new Date().toISOString(), carriesPresentation };
  state.status = 'posting';
  state.steps++;
  delete state.outgoing;
  // let the caller persist "posting" before anything leaves: a resumed worker then knows a POST may be out
  if (ctx.checkpoint) await ctx.checkpoint(structuredClone(state));
  const res = await sendHttp({
    fetch: ctx.fetch, method: 'POST', url, body, kind: 'exchange', exchangeId: state.id, seq,
    onMessage: ctx.onMessage, limits: state.limits, deadline: state.deadline, signal: ctx.signal,
  });
  delete state.pending;
  if (res.status < 200 || res.status > 299) throw errorFromResponse({ status: res.status, body: res.body, requestUrl: url });
  if (carriesPresentation) state.presented++;
  const reply = parseExchangeReply({ body: res.body, url });
  if (reply.referenceId) state.referenceId = reply.referenceId;
  const queued: QueuedAfterCredentials = { emptyRequest: reply.emptyRequest };
  if (reply.request) queued.request = reply.request;
  if (reply.redirectUrl) queued.redirectUrl = reply.redirectUrl;
  if (reply.presentations.length > 0) {
    state.status = 'credentials';
    state.offered = reply.presentations;
    state.queued = queued;
    state.received += reply.presentations.length;
    return { type: 'credentials', presentations: reply.presentations, exchangeUrl: url, origin: new URL(url).origin };
  }
  return afterReply({ state, queued });
}

/** What the rest of a reply means once its credentials (if any) were handled. */
export function afterReply({ state, queued }: { state: ExchangeState; queued: QueuedAfterCredentials }): ExchangeEvent | undefined {
  if (queued.request) {
    state.status = 'request';
    state.request = queued.request;
    return requestEvent({ state });
  }
  if (queued.emptyRequest) {
    state.status = 'ready'; // bedrock: "not finished" — POST {} again
    state.outgoing = {};
    return undefined;
  }
  if (queued.redirectUrl) {
    const target = queued.redirectUrl;
    if (/^(web\+)?interaction:/i.test(target) || /[?&]iuv=/.test(target)) {
      if (state.redirects >= state.limits.maxRedirects) {
        throw vcalmError({
          name: 'RedirectLimitError',
          message: `The exchange redirected to another interaction URL more than ${state.limits.maxRedirects} times; stopped at ${target.slice(0, 200)}.`,
          requestUrl: state.exchangeUrl,
        });
      }
      const next = parseInteractionUrl({ url: target });
      checkStateUrl({ state, url: next.url, what: 'redirected interaction URL' });
      state.redirects++;
      state.interactionUrl = next.url;
      state.interactionUrls.push(next.url);
      state.origin = next.origin;
      state.warnings.push(...next.warnings);
      delete state.exchangeUrl;
      delete state.referenceId;
      state.status = 'discover';
      state.discoverKind = 'redirect';
      return undefined;
    }
    try {
      state.redirectUrl = checkStateUrl({ state, url: target, what: 'redirectUrl' }).href;
    } catch (error) {
      state.warnings.push(`Ignored the redirectUrl: ${(error as Error).message}`);
    }
  }
  state.status = 'complete';
  return {
    type: 'complete', ...(state.redirectUrl ? { redirectUrl: state.redirectUrl } : {}),
    received: state.received, presented: state.presented,
  };
}

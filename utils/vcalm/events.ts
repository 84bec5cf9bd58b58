// What next() reports after each step.
import type { ErrorJson } from './errors';
import type { Protocols } from './protocols';
import type { ExchangeState } from './state';

export type ExchangeEvent =
  // the interaction URL answered; `exchangeUrl` (vcapi) will be run on the next call
  | { type: 'protocols'; interactionUrl: string; origin: string; protocols: Protocols; exchangeUrl: string; warnings: string[] }
  // credentials offered/issued to the holder: verify, ask, store — then call next() again
  | { type: 'credentials'; presentations: Record<string, unknown>[]; exchangeUrl: string; origin: string }
  // the server asks for a presentation: call next() with {type:'presentation', verifiablePresentation} or {type:'decline'}
  | {
      type: 'request';
      request: Record<string, unknown>;
      exchangeUrl: string;
      origin: string; // origin of the exchange URL: who is asking
      interactionOrigin: string; // origin of the interaction URL the exchange came from
      challenge?: string; // verbatim from the request; never invent one
      domain?: string; // verbatim from the request
      domainMatchesOrigin?: boolean; // false = relay/phishing signal; undefined when no domain was given
    }
  | { type: 'complete'; redirectUrl?: string; received: number; presented: number }
  | { type: 'declined'; message: string }
  | { type: 'failed'; error: ErrorJson };

export type ExchangeInput =
  | { type: 'presentation'; verifiablePresentation: Record<string, unknown> }
  | { type: 'decline'; reason?: string }
  | { type: 'continue' };

export interface StepResult {
  state: ExchangeState;
  event: ExchangeEvent;
  done: boolean; // true for complete / declined / failed
}

/** Does the VPR's domain name the origin we are talking to? (host, origin or URL forms) */
export function domainMatches({ domain, origin }: { domain: string; origin: string }): boolean {
  const target = new URL(origin);
  const d = domain.trim().toLowerCase();
  if (d.includes('://')) {
    try { return new URL(d).origin === target.origin; } catch { return false; }
  }
  // a bare host (with or without port)
  return d === target.host.toLowerCase() || d === target.hostname.toLowerCase();
}

export function requestEvent({ state }: { state: ExchangeState }): ExchangeEvent {
  const request = state.request!;
  const exchangeUrl = state.exchangeUrl!;
  const origin = new URL(exchangeUrl).origin;
  const event: ExchangeEvent = { type: 'request', request, exchangeUrl, origin, interactionOrigin: state.origin };
  if (typeof request.challenge === 'string') event.challenge = request.challenge;
  if (typeof request.domain === 'string') {
    event.domain = request.domain;
    event.domainMatchesOrigin = domainMatches({ domain: request.domain, origin });
  }
  return event;
}

/** The event that describes a state at rest (used when next() is called on a finished or waiting state). */
export function eventForState({ state }: { state: ExchangeState }): ExchangeEvent | undefined {
  switch (state.status) {
    case 'complete':
      return { type: 'complete', ...(state.redirectUrl ? { redirectUrl: state.redirectUrl } : {}), received: state.received, presented: state.presented };
    case 'declined':
      return { type: 'declined', message: state.error?.message ?? 'The request was declined; nothing was sent.' };
    case 'failed':
      return { type: 'failed', error: state.error ?? { name: 'OperationError', message: 'The exchange failed.' } };
    default:
      return undefined;
  }
}

/**
 * The event a saved state is waiting on, for a worker that restarts: 'request' and 'credentials'
 * states give their event back (show the approval again; do NOT call next() on a 'credentials'
 * state until they are stored — next() takes that as "handled"); finished states give their final
 * event; 'discover' / 'ready' / 'posting' give undefined (call next() to go on).
 */
export function pendingEvent({ state }: { state: ExchangeState }): ExchangeEvent | undefined {
  if (state.status === 'request' && state.request && state.exchangeUrl) return requestEvent({ state });
  if (state.status === 'credentials' && state.offered && state.exchangeUrl) {
    return { type: 'credentials', presentations: state.offered, exchangeUrl: state.exchangeUrl, origin: new URL(state.exchangeUrl).origin };
  }
  return eventForState({ state });
}

// What the OID4VCI engine's next() reports: the same event shapes as utils/vcalm where they mean
// the same thing (credentials, complete, declined, failed), plus `pin` for a transaction code.
import type { ErrorJson } from '../errors';
import type { Oid4vciState, TxCodeSpec } from './state';

export type Oid4vciEvent =
  // the offer needs the transaction code the issuer sent the user (by mail, SMS…):
  // call next() with {type: 'pin', txCode} or {type: 'decline'}
  | { type: 'pin'; txCode: TxCodeSpec; issuer: string; issuerName?: string; origin: string; exchangeUrl?: string }
  // issued: verify, ask, store — then call next() again
  | { type: 'credentials'; presentations: Record<string, unknown>[]; exchangeUrl: string; origin: string }
  | { type: 'complete'; redirectUrl?: string; received: number; presented: number }
  | { type: 'declined'; message: string }
  | { type: 'failed'; error: ErrorJson };

export type Oid4vciInput =
  | { type: 'pin'; txCode: string }
  | { type: 'decline'; reason?: string }
  | { type: 'continue' };

export interface Oid4vciStepResult {
  state: Oid4vciState;
  event: Oid4vciEvent;
  done: boolean;
}

export function oid4vciEventForState({ state }: { state: Oid4vciState }): Oid4vciEvent | undefined {
  switch (state.status) {
    case 'complete':
      return { type: 'complete', received: state.received, presented: state.presented };
    case 'declined':
      return { type: 'declined', message: state.error?.message ?? 'Declined; nothing was issued.' };
    case 'failed':
      return { type: 'failed', error: state.error ?? { name: 'OperationError', message: 'The issuance failed.' } };
    default:
      return undefined;
  }
}

/** The event a saved state waits on (after a worker restart), or its final event; undefined = call next(). */
export function oid4vciPendingEvent({ state }: { state: Oid4vciState }): Oid4vciEvent | undefined {
  if (state.status === 'pin' && state.txCode && state.issuer) return pinEvent({ state });
  if (state.status === 'credentials' && state.offered && state.exchangeUrl) {
    return { type: 'credentials', presentations: state.offered, exchangeUrl: state.exchangeUrl, origin: new URL(state.exchangeUrl).origin };
  }
  return oid4vciEventForState({ state });
}

export function pinEvent({ state }: { state: Oid4vciState }): Oid4vciEvent {
  return {
    type: 'pin',
    txCode: state.txCode ?? {},
    issuer: state.issuer!.credentialIssuer,
    ...(state.issuer?.name ? { issuerName: state.issuer.name } : {}),
    origin: new URL(state.issuer!.credentialIssuer).origin,
    ...(state.exchangeUrl ? { exchangeUrl: state.exchangeUrl } : {}),
  };
}

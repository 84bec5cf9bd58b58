// What a CHAPI request does once the user said yes: sign a presentation for the page, store the
// offered credentials (the wallet's one storing loop, storeChosenOffers), or run the exchange the
// page named (vcapi, OID4VP or OID4VCI) on the wallet's exchange runner — in the request's own
// approval window.
import type { WalletResult } from '../../chapi/page-messages';
import type { ExchangeTarget } from '../../chapi/exchange-target';
import type { ExchangeView } from '../../messaging';
import { hasErrorName, namedError } from '../../errors';
import { signedPresentation, storeChosenOffers } from '../approval-flow';
import type { WalletContext } from '../context';
import type { StartExchangeInput } from '../exchange-runner';
import type { ChapiFrame } from './frame';
import { pageError, type PendingRequest } from './request-table';

export interface ChapiExchanges {
  start(data: StartExchangeInput): Promise<ExchangeView>;
  /** Resolves when the exchange has ended (complete, declined or failed); AbortError when `signal` aborts. */
  settled(data: { id: string; signal: AbortSignal }): Promise<ExchangeView>;
}

/** Do what the user approved (before recording it): sign, or store. Errors leave the approval pending. */
export async function carryOut({ ctx, request, credentialIds }: {
  ctx: WalletContext;
  request: PendingRequest;
  credentialIds: string[];
}): Promise<WalletResult> {
  if (request.kind === 'exchange') return null; // runExchange() follows, once the answer is recorded
  if (request.kind === 'present') {
    const data = await signedPresentation({ ctx, approval: request.approval, credentialIds });
    return { type: 'web', dataType: 'VerifiablePresentation', data };
  }
  const { stored, notes } = await storeChosenOffers({
    ctx,
    approval: request.approval,
    credentialIds,
    source: { kind: 'chapi', origin: request.frame.origin },
  });
  if (!stored.length && notes.length) throw namedError({ name: 'ConstraintError', message: notes.join(' ') });
  if (!stored.length) return null;
  return {
    type: 'web',
    dataType: 'VerifiablePresentation',
    data: {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiablePresentation'],
      verifiableCredential: stored.map((c) => c.credential),
    },
  };
}

/**
 * Run the exchange the page named, through the wallet's exchange runner: vcapi from its exchange
 * URL, OID4VP / OID4VCI from their link with the same engines the popup and `npm run exchange`
 * use. Its questions (DID authentication, the verifier's request, a PIN, the offer …) show in the
 * request's window (`windowKey`), which closes when the exchange ends; the page learns how it ended.
 *
 * What the page gets is the same for every protocol: `{type: 'web', dataType: 'OutOfBand',
 * data: null}` once the exchange completes, null when the user declined inside it. An OID4VP
 * presentation goes to the verifier's response_uri (direct_post), as a vcapi one goes to the
 * exchange service: the page that asked is not its recipient, and handing it a copy would give
 * it a presentation bound to another party's nonce and client_id. A page that wants the
 * result asks its verifier, as vcapi pages ask their exchange.
 */
export async function runExchange({ ctx, exchanges, target, frame, windowKey, signal }: {
  ctx: WalletContext;
  exchanges: ChapiExchanges;
  target: ExchangeTarget;
  frame: ChapiFrame;
  windowKey: string;
  signal: AbortSignal;
}): Promise<WalletResult> {
  let view: ExchangeView;
  try {
    const common = { source: 'chapi' as const, pageOrigin: frame.origin, windowKey };
    // CHAPI names a VC-API exchange URL, not an interaction URL: start there (no discovery GET).
    const started = await exchanges.start(target.protocol === 'vcapi'
      ? { exchangeUrl: target.url, ...common }
      : { entry: target.url, protocol: target.protocol, ...common });
    // The runner says when it ends (no polling); a page that goes away stops the wait (the
    // exchange and its window go on: the user may still finish it).
    view = await exchanges.settled({ id: started.id, signal });
  } catch (error) {
    if (!hasErrorName(error, 'AbortError')) await closeWindow({ ctx, windowKey });
    throw error;
  }
  await closeWindow({ ctx, windowKey });
  if (view.status === 'complete') return { type: 'web', dataType: 'OutOfBand', data: null };
  if (view.status === 'declined') return null;
  throw pageError('OperationError', `The exchange with ${view.exchangeOrigin} failed (${view.error?.name ?? 'Error'}).`);
}

/** Close a request's window; a window that cannot be closed is only logged (the answer still counts). */
export async function closeWindow({ ctx, windowKey }: { ctx: WalletContext; windowKey: string }): Promise<void> {
  await ctx.windows.close({ windowKey }).catch((error) => console.warn('[wallet] closing approval window', windowKey, error));
}

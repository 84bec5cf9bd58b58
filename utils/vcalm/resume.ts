// Resuming after the worker died with a POST possibly in flight (state.status === 'posting').
//
// The reply was never saved, so we cannot know whether the server got the POST. Policy:
// - the POST carried no presentation (`{}` to start or to continue): re-send it. It discloses
//   nothing, and a VCALM server answers a repeated `{}` with the current step (or a clear
//   403 "Exchange is complete", which then fails the exchange with the server's message).
// - the POST carried a presentation: never re-send it. The user approved one disclosure; the
//   server may already have consumed the challenge and moved on, and whatever it sent back
//   (issued credentials, say) is gone. Fail with InterruptedError and say so.
// Either way the lost message is recorded in the transcript under its own seq with that error.
import { vcalmError } from './errors';
import type { StepContext } from './step-context';
import type { ExchangeState } from './state';

export async function resumeInterrupted({ state, ctx }: { state: ExchangeState; ctx: StepContext }): Promise<void> {
  const pending = state.pending;
  delete state.pending;
  if (!pending) throw vcalmError({ name: 'InvalidStateError', message: 'The saved exchange says a POST was in flight but not which one.' });
  const lost = {
    name: 'InterruptedError',
    message: 'The wallet stopped after this request was started and before its reply was saved.',
  };
  if (ctx.onMessage) {
    try {
      await ctx.onMessage({
        exchangeId: state.id, seq: pending.seq, kind: 'exchange', method: 'POST', url: pending.url,
        requestHeaders: { accept: 'application/json', 'content-type': 'application/json' },
        requestBody: pending.body, startedAt: pending.startedAt, error: lost,
      });
    } catch { /* transcript sink failures never change the exchange */ }
  }
  if (pending.carriesPresentation) {
    throw vcalmError({
      name: 'InterruptedError',
      message: `The wallet stopped after sending a presentation to ${new URL(pending.url).origin} and before the reply was saved. `
        + 'It was not sent again; anything the server answered (such as issued credentials) was lost. Start a new exchange.',
      requestUrl: pending.url,
    });
  }
  const { referenceId: _ref, ...outgoing } = pending.body;
  void _ref;
  state.outgoing = outgoing;
  state.status = 'ready';
  state.warnings.push(`Resumed after an interruption: re-sent ${JSON.stringify(outgoing)} to ${pending.url}.`);
}

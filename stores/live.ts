// Keeps the stores in step with the background: applies broadcast events and re-reads
// everything after each (re)connect, so nothing is missed while the worker was stopped.
import { subscribeWalletEvents } from '../utils/messaging/events';
import { useApprovalsStore } from './approvals';
import { useCredentialsStore } from './credentials';
import { useExchangesStore } from './exchanges';
import { useWalletStore } from './wallet';

/**
 * Connects once the cached DID was read: waking a stopped worker (parsing the background's
 * bundle) competes with the popup for the CPU, so the popup's first answer comes from storage.
 */
export function connectStores(): () => void {
  const exchanges = useExchangesStore();
  const credentials = useCredentialsStore();
  const approvals = useApprovalsStore();
  const wallet = useWalletStore();
  const reread = () =>
    Promise.allSettled([wallet.refresh(), exchanges.refresh(), credentials.refresh(), approvals.refresh()]);
  let unsubscribe: (() => void) | undefined;
  let closed = false;
  void wallet.cachedRead.then(() => {
    if (closed) return;
    unsubscribe = subscribe();
  });
  return () => {
    closed = true;
    unsubscribe?.();
  };

  function subscribe() {
    return subscribeWalletEvents({
    onConnect: () => void reread(),
    onEvent(event) {
      if (event.type === 'exchange') exchanges.upsert(event.exchange);
      else if (event.type === 'approval') approvals.upsert(event.approval);
      else if (event.type === 'credentials') void credentials.refresh();
      else if (event.type === 'wallet') void reread();
    },
    });
  }
}

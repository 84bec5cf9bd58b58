// The inspector (extension page, DevTools panel) reads what the wallet recorded through the
// background, which owns the database: exchanges, their transcripts and approvals, credentials;
// and clears finished history. Wallet pages only.
import type { InspectedApproval, InspectedCredential, InspectedExchange, TranscriptMessage } from '../inspect';
import type { Specs } from './spec';
import { boolean, empty, id, object, optional } from './validate';

export interface InspectorProtocol {
  inspectExchanges(data?: undefined): InspectedExchange[];
  /** null when the wallet has no such exchange (or cannot read it). */
  inspectExchange(data: { id: string }): InspectedExchange | null;
  inspectMessages(data: { exchangeId: string }): TranscriptMessage[];
  inspectApprovals(data: { exchangeId: string }): InspectedApproval[];
  inspectCredentials(data?: undefined): InspectedCredential[];
  /** Removes finished exchanges with their messages and approvals (all with `all: true`). */
  clearHistory(data: { all?: boolean }): { removed: number };
}

export const inspectorSpecs: Specs<InspectorProtocol> = {
  inspectExchanges: { access: 'extension', parse: empty() },
  inspectExchange: { access: 'extension', parse: object({ id: id() }) },
  inspectMessages: { access: 'extension', parse: object({ exchangeId: id() }) },
  inspectApprovals: { access: 'extension', parse: object({ exchangeId: id() }) },
  inspectCredentials: { access: 'extension', parse: empty() },
  clearHistory: { access: 'extension', parse: object({ all: optional(boolean()) }) },
};

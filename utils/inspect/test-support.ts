// Real transcripts for the inspector's tests: a provenance-issuance exchange run with
// utils/vcalm against the local workflow service (DID auth answered with a throwaway did:key),
// and one refused by the service. No mocks.
import { generateDidKey, type WalletKey } from '../crypto';
import { answerDidAuth } from '../vcalm/cli/did-auth';
import { runExchange } from '../vcalm/run';
import type { ExchangeState } from '../vcalm/state';
import { startWorkflowService, type WorkflowService } from '../../workflow-service';
import { createExchange as createServiceExchange } from '../../workflow-service/testing/holder';
import { fromStoredExchange } from './exchange-record';
import type { InspectedExchange, TranscriptMessage } from './types';

export interface RealRun {
  exchange: InspectedExchange;
  state: ExchangeState;
  messages: TranscriptMessage[];
  exchangeUrl: string;
  interactionUrl: string;
}

export async function startService(): Promise<{ service: WorkflowService; key: WalletKey }> {
  const service = await startWorkflowService({ host: '127.0.0.1', port: 0 });
  return { service, key: await generateDidKey() };
}

/** Runs one exchange; `reuse` runs against an exchange URL that already completed (→ 403). */
export async function realRun({ service, key, reuse, source = 'paste' }: {
  service: WorkflowService; key: WalletKey; reuse?: string; source?: string;
}): Promise<RealRun> {
  const exchangeUrl = reuse ?? await createServiceExchange({ workflowUrl: service.workflowUrl('provenance-issuance'), token: service.token });
  const interactionUrl = `${exchangeUrl}?iuv=1`;
  const messages: TranscriptMessage[] = [];
  const result = await runExchange({
    interactionUrl,
    answer: (event) => answerDidAuth({ event, key }),
    onMessage: (m) => { messages.push(structuredClone(m)); },
  });
  const record = { id: result.state.id, source, state: result.state, credentialIds: [], notes: [], createdAt: result.state.createdAt, updatedAt: result.state.updatedAt };
  return { exchange: fromStoredExchange({ record }), state: result.state, messages, exchangeUrl, interactionUrl };
}

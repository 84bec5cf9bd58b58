// The local workflow service for the end-to-end tests, and shortcuts to create and read exchanges.
import { startWorkflowService, type WorkflowService } from '../../../workflow-service';
import { createExchange, request } from '../../../workflow-service/testing/holder';

export async function startService(): Promise<WorkflowService> {
  return startWorkflowService({});
}

/** A new provenance exchange; the interaction URL is the service's own `{exchangeUrl}?iuv=1`. */
export async function newInteraction(service: WorkflowService, { ttl }: { ttl?: number } = {}) {
  const exchangeUrl = await createExchange({ workflowUrl: service.workflowUrl('provenance-issuance'), token: service.token, ttl });
  return { exchangeUrl, interactionUrl: `${exchangeUrl}?iuv=1` };
}

/** A new provenance-verification exchange and the OID4VP link (`openid4vp://…`) the service hands out for it. */
export async function newOid4vpRequest(service: WorkflowService) {
  const exchangeUrl = await createExchange({ workflowUrl: service.workflowUrl('provenance-verification'), token: service.token });
  const link = (await request({ url: `${exchangeUrl}/protocols` })).body.protocols.OID4VP as string;
  return { exchangeUrl, link };
}

/** The service's view of an exchange (GET with the bearer token): {status, exchange}. */
export async function readServiceExchange(service: WorkflowService, exchangeUrl: string) {
  const reply = await request({ url: exchangeUrl, token: service.token });
  return { status: reply.status, exchange: reply.body?.exchange };
}

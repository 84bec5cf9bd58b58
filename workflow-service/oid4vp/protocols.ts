// Where OID4VP lives for an exchange (the paths @bedrock/vc-delivery uses), and when to offer it:
// for an exchange whose current step asks for credentials (a QueryByExample), as
// `openid4vp://?client_id=redirect_uri:<response URI>&request_uri=<request URI>&request_uri_method=post`.
// bedrock omits OID4VP when the exchange offers OID4VCI; callers adding OID4VCI drop it likewise.
import type { StoredExchange } from '../store';
import type { WorkflowConfig } from '../workflows';

export const requestUriOf = (exchangeUrl: string) => `${exchangeUrl}/openid/client/authorization/request`;
export const responseUriOf = (exchangeUrl: string) => `${exchangeUrl}/openid/client/authorization/response`;
export const clientIdOf = (exchangeUrl: string) => `redirect_uri:${responseUriOf(exchangeUrl)}`;

function asksForCredentials(request: unknown): boolean {
  const query = (request as { query?: unknown } | undefined)?.query;
  const list = Array.isArray(query) ? query : query ? [query] : [];
  return list.some((q) => (q as { type?: unknown })?.type === 'QueryByExample');
}

/** The OID4VP protocol value for this exchange, or undefined when its step asks for no credential. */
export function oid4vpProtocol({ exchangeUrl, workflow, exchange }: {
  exchangeUrl: string; workflow: WorkflowConfig; exchange: StoredExchange;
}): string | undefined {
  if (exchange.state === 'complete' || exchange.state === 'invalid') return undefined;
  if (!asksForCredentials(workflow.steps[exchange.step]?.verifiablePresentationRequest)) return undefined;
  const params = new URLSearchParams({
    client_id: clientIdOf(exchangeUrl),
    request_uri: requestUriOf(exchangeUrl),
    request_uri_method: 'post',
  });
  return `openid4vp://?${params}`;
}

/** The exchange's protocols: vcapi, plus OID4VP when the step asks for credentials (unless OID4VCI is offered). */
export function exchangeProtocols({ exchangeUrl, workflow, exchange, extra = {} }: {
  exchangeUrl: string; workflow: WorkflowConfig; exchange: StoredExchange; extra?: Record<string, string>;
}): Record<string, string> {
  const protocols: Record<string, string> = { vcapi: exchangeUrl, ...extra };
  const oid4vp = 'OID4VCI' in protocols ? undefined : oid4vpProtocol({ exchangeUrl, workflow, exchange });
  if (oid4vp) protocols.OID4VP = oid4vp;
  return protocols;
}

// utils/vcalm — the standalone client-side VCALM library (Node and MV3 service worker; fetch only).
export { parseInteractionUrl, isInteractionUrl, INTERACTION_URL_MAX_LENGTH, INTERACTION_URL_RECOMMENDED_LENGTH, type InteractionUrl } from './interaction-url';
export { classifyText, exchangeUrlFromVpr, type Classification } from './classify';
export { checkEndpointUrl, isLoopbackHost, isPrivateNetworkHost } from './url-policy';
export { checkProtocols, pickVcapi, type Protocols, type ProtocolsCheck } from './protocols';
export { parseExchangeReply, type ExchangeReply } from './replies';
export { createExchange, checkState, TERMINAL_STATUSES, type ExchangeState, type ExchangeStatus, type PendingPost } from './state';
export { next, type NextOptions } from './next';
export { domainMatches, pendingEvent, type ExchangeEvent, type ExchangeInput, type StepResult } from './events';
export { runExchange, type RunResult } from './run';
export { sendInviteRequest } from './invite';
export { sendHttp, type FetchLike, type HttpResult } from './http';
export { DEFAULT_LIMITS, resolveLimits, type ExchangeLimits } from './limits';
export { errorFromResponse, serverMessage } from './http-error';
export { vcalmError, toErrorJson, fromErrorJson, ERROR_NAMES, type VcalmError, type ErrorJson } from './errors';
export { pickHeaders, TRANSCRIPT_HEADERS, type TranscriptMessage, type OnMessage } from './transcript';

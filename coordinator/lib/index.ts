// The coordinator library: what a brand's server needs to run a VCALM exchange with a wallet.
export { createExchange, MAX_TTL_SECONDS, type CreateExchangeOptions, type CreatedExchange } from './create-exchange';
export { pollExchange, type PollExchangeOptions, type PollProgress, type PollResult } from './poll-exchange';
export { readExchange, normalizeExchange, type Exchange, type ExchangeState, type ReadExchangeOptions } from './exchange';
export { createInteractionHost, prefersJson, type Interaction, type InteractionHost, type AddInteractionOptions } from './interactions';
export { renderInteractionPage } from './interaction-page';
export { interactWrapper, chapiGetRequest, VCAPI_SERVICE_TYPE, type InteractWrapper, type ChapiGetRequestOptions } from './chapi';
export { qrSvg, qrTerminal, MAX_QR_TEXT } from './qr';
export { createError, type CoordinatorError } from './errors';
export { escapeHtml } from './html';
export { revokeCredential, suspendCredential, type CredentialStatusOptions, type CredentialStatusChange } from './credential-status';

// utils/inspect — pure helpers behind the exchange inspector (extension page + DevTools panel):
// records → InspectedExchange, what each message carried, durations, HAR 1.2, JSON export and
// import, curl commands, requests in words, re-verification. Runs in Node; no extension APIs.
export type { InspectedExchange, InspectSource, InspectError, ExchangeExport, TranscriptMessage } from './types';
export { EXPORT_FORMAT, SOURCE_LABELS } from './types';
export { REDACTED, redactBody, redactHeaders, isSecretHeader } from './redact';
export { fromStoredExchange, isRunning, FINISHED } from './exchange-record';
export { messageFindings, transcriptFindings, type MessageFindings, type TranscriptFindings } from './findings';
export { exchangeDurations, formatDuration, messageEnd, type ExchangeDurations } from './durations';
export { exchangeToHar, messageToHarEntry, bodyText, type Har, type HarEntry } from './har';
export { validateHar, type HarCheck } from './har-validate';
export { exchangeToExport, exportText, parseExchangeExport, cleanMessage, IMPORT_MAX_BYTES } from './export-json';
export { toCurl, shellQuote } from './curl';
export { explainRequest, type RequestInWords, type QueryInWords } from './explain';
export { verifyReceived, verifySent, proofSummary } from './verify';
export { createDbSource, type InspectorSource, type InspectedApproval, type InspectedCredential } from './source';

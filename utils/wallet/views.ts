// Records → the views the pages show. Pure.
import type { CredentialStatusResult } from '../crypto';
import type { StoredCredential } from '../db';
import type { ExchangeStatus as MachineStatus } from '../vcalm';
import type { CredentialView, ExchangeStatus, ExchangeView } from '../messaging';
import { verificationView } from './offers';
import type { WalletExchange as ExchangeRecord } from './records';
import { summarizeCredential } from './summary';
import { statusView } from './credential-status';

const STATUS: Record<MachineStatus | 'pin', ExchangeStatus> = {
  pin: 'awaiting-approval',
  discover: 'running',
  ready: 'running',
  posting: 'running',
  credentials: 'awaiting-approval',
  request: 'awaiting-approval',
  complete: 'complete',
  declined: 'declined',
  failed: 'failed',
};

export function isFinished(record: ExchangeRecord): boolean {
  return ['complete', 'declined', 'failed'].includes(record.state.status);
}

function exchangeOrigin(record: ExchangeRecord): string {
  try {
    return new URL(record.state.exchangeUrl ?? record.state.interactionUrl ?? record.state.origin).origin;
  } catch {
    return record.state.origin;
  }
}

function phase(record: ExchangeRecord): string {
  const { state } = record;
  const origin = exchangeOrigin(record);
  const stored = record.credentialIds.length;
  switch (state.status) {
    case 'discover':
      return `Looking up ${state.origin}…`;
    case 'ready':
    case 'posting':
      return state.presented > 0 ? `Sending your presentation to ${origin}…` : `Talking to ${origin}…`;
    case 'request':
      return 'Waiting for your approval of the request.';
    case 'pin':
      return 'Waiting for the transaction code (PIN) the issuer sent you.';
    case 'credentials':
      return 'Waiting for you to accept the offered credentials.';
    case 'complete': {
      const notes = record.notes.length ? ` ${record.notes.join(' ')}` : '';
      const outcome = stored
        ? `${stored} credential(s) stored`
        : state.received > 0
          ? 'nothing stored'
          : state.presented > 0
            ? 'your presentation was accepted'
            : 'nothing was asked or offered';
      return `Complete: ${outcome}.${notes}`;
    }
    case 'declined':
      return state.error?.message ?? 'Declined; nothing was sent.';
    case 'failed':
      return `Failed: ${state.error?.message ?? 'unknown error'}`;
  }
}

export function toExchangeView(record: ExchangeRecord): ExchangeView {
  const { state } = record;
  const error = state.status === 'failed' && state.error
    ? {
        name: state.error.name,
        message: state.error.message,
        ...(state.error.status !== undefined ? { status: state.error.status } : {}),
        ...(state.error.data !== undefined ? { data: state.error.data } : {}),
      }
    : undefined;
  return {
    id: record.id,
    ...(state.interactionUrls[0] ?? state.interactionUrl ? { interactionUrl: (state.interactionUrls[0] ?? state.interactionUrl)! } : {}),
    source: record.source,
    ...(record.pageOrigin ? { pageOrigin: record.pageOrigin } : {}),
    exchangeOrigin: exchangeOrigin(record),
    ...(state.exchangeUrl ? { exchangeUrl: state.exchangeUrl } : {}),
    ...('protocols' in state && state.protocols ? { protocols: state.protocols as Record<string, unknown> } : {}),
    protocol: (state as { protocol?: 'oid4vp' | 'oid4vci' }).protocol ?? 'vcapi',
    status: STATUS[state.status],
    phase: phase(record),
    ...(record.approvalId && STATUS[state.status] === 'awaiting-approval' ? { approvalId: record.approvalId } : {}),
    credentialIds: [...record.credentialIds],
    ...(error ? { error } : {}),
    ...(state.status === 'complete' && 'redirectUrl' in state && state.redirectUrl ? { redirectUrl: state.redirectUrl } : {}),
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}

export function toCredentialView(record: StoredCredential, status?: CredentialStatusResult): CredentialView {
  return {
    id: record.id,
    ...summarizeCredential({ credential: record.credential }),
    storedAt: record.addedAt,
    ...(record.source.exchangeId ? { exchangeId: record.source.exchangeId } : {}),
    ...(record.verification ? { verification: verificationView({ result: record.verification, checkedAt: record.addedAt, statusChecked: !!status }) } : {}),
    ...(status ? { status: statusView({ result: status }) } : {}),
  };
}

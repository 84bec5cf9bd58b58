// One purchase session = one exchange on the workflow service + one hosted interaction URL +
// a background poll that turns exchange states into the stages the page shows.
import { randomUUID } from 'node:crypto';
import { createExchange, pollExchange, chapiGetRequest, qrSvg, type InteractionHost, type ExchangeState } from '../lib/index';
import type { Product } from './product';
import { hasErrorName, namedError } from '../../utils/errors';

export type Stage = 'waiting' | 'connected' | 'issued' | 'failed';

export interface SessionStatus {
  id: string;
  stage: Stage;
  state?: ExchangeState;
  /** The DID the wallet proved control of (results.ownerBinding.did), once known. */
  did?: string;
  verificationMethod?: string;
  expires?: string;
  error?: { name: string; message: string };
}

interface Session extends SessionStatus {
  exchangeUrl: string;
  interactionUrl: string;
  controller: AbortController;
  settledAt?: number;
}

export interface SessionStoreOptions {
  workflowUrl: string;
  token: string;
  interactions: InteractionHost;
  product: Product;
  ttl: number;
  pollIntervalMs: number;
  maxActive: number;
}

export interface CreatedSession {
  id: string;
  exchangeId: string;
  exchangeUrl: string;
  interactionUrl: string;
  qrSvg: string;
  chapiRequest: ReturnType<typeof chapiGetRequest>;
  statusUrl: string;
}

/** Settled sessions stay readable this long, then are forgotten. */
const KEEP_SETTLED_MS = 10 * 60 * 1000;

export function createSessionStore({ workflowUrl, token, interactions, product, ttl, pollIntervalMs, maxActive }: SessionStoreOptions) {
  const sessions = new Map<string, Session>();

  const prune = () => {
    const now = Date.now();
    for (const [id, session] of sessions) {
      if (session.settledAt !== undefined && now - session.settledAt > KEEP_SETTLED_MS) {
        sessions.delete(id);
        interactions.remove({ id });
      }
    }
  };
  const activeCount = () => [...sessions.values()].filter((s) => s.settledAt === undefined).length;

  return {
    async create({ origin }: { origin: string }): Promise<CreatedSession> {
      prune();
      if (activeCount() >= maxActive) {
        throw namedError({ name: 'QuotaExceededError', message: `Too many purchases in progress (${maxActive}); try again in a minute.` });
      }
      const { exchangeUrl, exchangeId } = await createExchange({
        workflowUrl,
        token,
        ttl,
        variables: { subject: product.subject, sku: product.sku },
      });
      const id = randomUUID();
      const expires = new Date(Date.now() + ttl * 1000);
      interactions.add({
        id,
        exchangeUrl,
        expires,
        title: `Authenticity credential for ${product.name}`,
        description: `${product.maker} issues a credential proving you own ${product.name} (${product.sku}).`,
      });
      const interactionUrl = interactions.interactionUrl({ origin, id });
      const session: Session = { id, stage: 'waiting', exchangeUrl, interactionUrl, controller: new AbortController(), expires: expires.toISOString() };
      sessions.set(id, session);
      watch(session);
      return {
        id,
        exchangeId,
        exchangeUrl,
        interactionUrl,
        qrSvg: await qrSvg({ text: interactionUrl, label: 'QR code: scan with your wallet' }),
        // bedrock's first step challenges with the exchange id, on the workflow service's origin.
        chapiRequest: chapiGetRequest({ exchangeUrl, challenge: exchangeId, domain: new URL(exchangeUrl).origin }),
        statusUrl: `/api/sessions/${id}`,
      };
    },

    status({ id }: { id: string }): SessionStatus | undefined {
      const session = sessions.get(id);
      if (!session) return undefined;
      const { stage, state, did, verificationMethod, expires, error } = session;
      return { id, stage, state, did, verificationMethod, expires, error };
    },

    close() {
      for (const session of sessions.values()) session.controller.abort();
      sessions.clear();
    },
  };

  function watch(session: Session) {
    pollExchange({
      exchangeUrl: session.exchangeUrl,
      token,
      signal: session.controller.signal,
      intervalMs: pollIntervalMs,
      maxIntervalMs: Math.max(pollIntervalMs, 2_000),
      timeoutMs: ttl * 1000 + 10_000,
      onProgress: ({ state }) => {
        session.state = state;
        if (state === 'active') session.stage = 'connected';
      },
    }).then(
      ({ results }) => {
        session.state = 'complete';
        session.stage = 'issued';
        const binding = results.ownerBinding;
        if (binding && typeof binding.did === 'string') session.did = binding.did;
        if (binding && typeof binding.verificationMethod === 'string') session.verificationMethod = binding.verificationMethod;
        session.settledAt = Date.now();
      },
      (error: Error) => {
        if (hasErrorName(error, 'AbortError')) return;
        session.stage = 'failed';
        session.error = { name: error.name, message: error.message };
        session.settledAt = Date.now();
      },
    );
  }
}

export type SessionStore = ReturnType<typeof createSessionStore>;

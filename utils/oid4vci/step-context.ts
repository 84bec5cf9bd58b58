import type { FetchLike } from '../vcalm/http';
import type { OnMessage } from '../vcalm/transcript';
import type { Oid4vciState } from './state';

/**
 * The holder's key, as the caller lends it: the engine builds the proof's content and the caller
 * signs (the key never leaves the background). `accepts` lists what the issuer takes; the caller
 * picks the key that fits (Ed25519 → EdDSA / eddsa-rdfc-2022, P-256 → ES256 / ecdsa-rdfc-2019).
 */
export interface ProofSigner {
  did: string;
  verificationMethod: string;
  /** The JWS alg this key signs (EdDSA or ES256). */
  alg: string;
  signJwt(options: { header: Record<string, unknown>; payload: Record<string, unknown> }): Promise<string>;
  /** A VP with no credentials, signed for authentication with this challenge and domain. */
  signPresentation(options: { challenge: string; domain: string; cryptosuite?: string }): Promise<Record<string, unknown>>;
}

export type HolderFor = (accepts: { algs: string[]; cryptosuites: string[] }) => Promise<ProofSigner>;

/** The browser part of the authorization-code flow: open `url`, return the URL it redirected to. */
export type Authorize = (options: { url: string; redirectUri: string }) => Promise<string>;

export interface StepContext {
  fetch?: FetchLike;
  onMessage?: OnMessage;
  checkpoint?: (state: Oid4vciState) => void | Promise<void>;
  signal?: AbortSignal;
  holder?: HolderFor;
  authorize?: Authorize;
  /** The redirect URI the authorize callback can catch (the extension's chromiumapp.org URL). */
  redirectUri?: string;
}

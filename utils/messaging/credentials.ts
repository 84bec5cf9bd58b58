// Stored credentials, as the popup lists and shows them.
import type { Specs } from './spec';
import type { CardRendering } from '../cards';

/** A credential's card: plain facts, and the issuer's design when it can be drawn (or why not). */
export type CardView = CardRendering;
import { empty, id, object } from './validate';

export interface CredentialVerificationView {
  verified: boolean;
  validity: 'valid' | 'expired' | 'not-yet-valid';
  errors: { name: string; message: string }[];
  warnings: string[];
  checkedAt: string;
}

/** A credentialStatus check in words. `unknown` is never shown as valid. */
export interface CredentialStatusView {
  state: 'none' | 'valid' | 'revoked' | 'suspended' | 'unknown';
  checkedAt: string;
  /** "Revoked by its issuer", "Status unknown (checked …)" */
  summary: string;
  /** One line per status entry (purpose, list, reason when it could not be read). */
  details: string[];
}

/** What a person needs to recognise a credential. */
export interface CredentialSummary {
  name: string;
  types: string[];
  issuer: { id?: string; name?: string };
  subjectId?: string;
  validFrom?: string;
  validUntil?: string;
}

export interface CredentialView extends CredentialSummary {
  id: string;
  storedAt: string;
  exchangeId?: string;
  verification?: CredentialVerificationView;
  /** The last status check (absent: never checked). */
  status?: CredentialStatusView;
}

export interface CredentialDetail extends CredentialView {
  credential: Record<string, unknown>;
}

export interface CredentialProtocol {
  listCredentials(data?: undefined): CredentialView[];
  getCredential(data: { id: string }): CredentialDetail;
  deleteCredential(data: { id: string }): { deleted: boolean };
  /** Checks the credential's status now (fetching its status list) and keeps the result. */
  checkCredentialStatus(data: { id: string }): CredentialStatusView;
  /** The card of a stored credential (its render template fetched once and cached). */
  renderCredential(data: { id: string }): CardView;
}

export const credentialSpecs: Specs<CredentialProtocol> = {
  listCredentials: { access: 'extension', parse: empty() },
  getCredential: { access: 'extension', parse: object({ id: id() }) },
  deleteCredential: { access: 'extension', parse: object({ id: id() }) },
  checkCredentialStatus: { access: 'extension', parse: object({ id: id() }) },
  renderCredential: { access: 'extension', parse: object({ id: id() }) },
};

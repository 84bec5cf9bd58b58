// Stored credentials, as the popup lists and shows them.
import type { Specs } from './spec';
import { empty, id, object } from './validate';

export interface CredentialVerificationView {
  verified: boolean;
  validity: 'valid' | 'expired' | 'not-yet-valid';
  errors: { name: string; message: string }[];
  warnings: string[];
  checkedAt: string;
}

/** What a person needs to recognise a credential. */
export interface CredentialSummary {
  name: string;
  types: string[];
  issuer: { id?: string; name?: string };
  subjectId?: string;
  validFrom?: string;
  validUntil?: string;
  /** The subject's key fact, when it has one (a product's SKU, a serial number). */
  about?: string;
}

export interface CredentialView extends CredentialSummary {
  id: string;
  storedAt: string;
  exchangeId?: string;
  verification?: CredentialVerificationView;
}

export interface CredentialDetail extends CredentialView {
  credential: Record<string, unknown>;
}

export interface CredentialProtocol {
  listCredentials(data?: undefined): CredentialView[];
  getCredential(data: { id: string }): CredentialDetail;
  deleteCredential(data: { id: string }): { deleted: boolean };
}

export const credentialSpecs: Specs<CredentialProtocol> = {
  listCredentials: { access: 'extension', parse: empty() },
  getCredential: { access: 'extension', parse: object({ id: id() }) },
  deleteCredential: { access: 'extension', parse: object({ id: id() }) },
};

// revokeCredential / suspendCredential: `POST {serviceUrl}/credentials/status` on the workflow
// service (the body @bedrock/vc-issuer's status endpoint takes). Revocation is for good;
// a suspension can be lifted with `suspendCredential({…, suspended: false})`.
import { abortError } from './errors';
import { checkHttpUrl, checkToken, httpError, networkError, pickFetch, readBody, type FetchLike } from './http';

export interface CredentialStatusOptions {
  /** The workflow service's base URL (or any of its workflow URLs: the origin + path before /workflows is used). */
  serviceUrl: string;
  token: string;
  /** The issued credential's `id`. */
  credentialId: string;
  fetch?: FetchLike;
  signal?: AbortSignal;
}

export interface CredentialStatusChange {
  credentialId: string;
  statusPurpose: 'revocation' | 'suspension';
  status: boolean;
}

async function setStatus(options: CredentialStatusOptions, statusPurpose: 'revocation' | 'suspension', status: boolean): Promise<CredentialStatusChange> {
  if (!options || typeof options !== 'object') throw new TypeError('"options" must be an object.');
  const { serviceUrl, token, credentialId, fetch, signal } = options;
  const base = checkHttpUrl({ value: serviceUrl, label: 'serviceUrl' });
  checkToken(token);
  if (typeof credentialId !== 'string' || !credentialId) throw new TypeError('"credentialId" must be a non-empty string.');
  const root = base.href.replace(/\/workflows\/.*$/, '').replace(/\/+$/, '');
  const url = `${root}/credentials/status`;
  let response: Response;
  try {
    response = await pickFetch(fetch)(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ credentialId, credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose }, status }),
      signal,
      redirect: 'manual',
    });
  } catch (error) {
    if (signal?.aborted) throw abortError({ signal, what: 'Changing the credential status' });
    throw networkError({ what: 'Changing the credential status', error, requestUrl: url });
  }
  const data = await readBody({ response });
  if (response.status !== 200) throw httpError({ what: 'Changing the credential status', status: response.status, data, requestUrl: url });
  return data as CredentialStatusChange;
}

export const revokeCredential = (options: CredentialStatusOptions) => setStatus(options, 'revocation', true);

export const suspendCredential = (options: CredentialStatusOptions & { suspended?: boolean }) =>
  setStatus(options, 'suspension', options?.suspended ?? true);

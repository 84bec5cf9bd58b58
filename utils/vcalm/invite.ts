// inviteRequest: the wallet tells a service where the holder wants to continue ({url, purpose,
// referenceId}). Never automatic: the holder chooses the URL.
import { vcalmError } from './errors';
import { errorFromResponse } from './http-error';
import { sendHttp, type FetchLike } from './http';
import { DEFAULT_LIMITS } from './limits';
import type { OnMessage } from './transcript';
import { checkEndpointUrl } from './url-policy';

export async function sendInviteRequest({ endpoint, invite, exchangeId, seq = 0, fetch, onMessage }: {
  endpoint: string;
  invite: { url: string; purpose: string; referenceId?: string };
  exchangeId: string;
  seq?: number;
  fetch?: FetchLike;
  onMessage?: OnMessage;
}): Promise<unknown> {
  if (!invite || typeof invite.url !== 'string' || typeof invite.purpose !== 'string') {
    throw new TypeError('"invite" must be {url, purpose, referenceId?}.');
  }
  const url = checkEndpointUrl({ url: endpoint, what: 'inviteRequest endpoint' }).href;
  checkEndpointUrl({ url: invite.url, what: 'invite URL' });
  const res = await sendHttp({ fetch, method: 'POST', url, body: invite, kind: 'invite', exchangeId, seq, onMessage, limits: DEFAULT_LIMITS });
  if (res.status < 200 || res.status > 299) throw errorFromResponse({ status: res.status, body: res.body, requestUrl: url });
  if (res.body !== undefined && (typeof res.body !== 'object' || res.body === null)) {
    throw vcalmError({ name: 'DataError', message: `${url} answered the invite with something other than JSON.`, requestUrl: url, data: res.body });
  }
  return res.body ?? {};
}

import { expect, test } from 'vitest';
import { generateDidKey } from '../../crypto';
import { normalizeGetRequest } from '../../chapi/normalize-get';
import { exchangeConsentView, presentView } from './approval-views';
import type { ChapiFrame } from './frame';

const frame: ChapiFrame = { tabId: 1, frameId: 0, origin: 'http://127.0.0.1:8123' };
const key = await generateDidKey({ extractable: false });

const exchangeRequest = (domain: string) => normalizeGetRequest({
  web: {
    VerifiablePresentation: {
      query: [{ type: 'DIDAuthentication' }],
      challenge: 'ex-1',
      domain,
      interact: { service: [{ type: 'VerifiableCredentialApiExchangeService', serviceEndpoint: 'http://127.0.0.1:9000/workflows/w/exchanges/1' }] },
    },
  },
});

test('an exchange request may name the page or the exchange service as its domain; anything else is flagged', () => {
  expect(exchangeConsentView({ request: exchangeRequest('http://127.0.0.1:9000'), frame }).domainWarning).toBeUndefined();
  expect(exchangeConsentView({ request: exchangeRequest('127.0.0.1'), frame }).domainWarning).toBeUndefined();
  const flagged = exchangeConsentView({ request: exchangeRequest('https://bank.example'), frame });
  expect(flagged.domainWarning).toContain('https://bank.example');
  expect(flagged.requester).toEqual({ exchangeOrigin: 'http://127.0.0.1:9000', pageOrigin: frame.origin, source: 'chapi' });
  expect(flagged.holderDid).toBeUndefined(); // a consent signs nothing; the exchange's own request names the signer
  expect(flagged.queries?.[0].summary).toMatch(/Start a credential exchange with http:\/\/127\.0\.0\.1:9000/);
});

test('a frame inside another page is named with the top-level page', () => {
  const request = normalizeGetRequest({ web: { VerifiablePresentation: { query: { type: 'DIDAuthentication' }, challenge: 'c', domain: 'widget.example' } } });
  const { body: view } = presentView({ request, frame: { ...frame, origin: 'https://widget.example', topOrigin: 'https://shop.example' }, credentials: [], keys: [key] });
  expect(view.requester).toEqual({ exchangeOrigin: 'https://widget.example', pageOrigin: 'https://shop.example', source: 'chapi' });
  expect(view.reason).toContain('inside the page https://shop.example');
  expect(view.domainWarning).toBeUndefined();
});

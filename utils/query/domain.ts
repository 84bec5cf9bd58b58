/**
 * Does a VPR's `domain` name the origin the wallet is talking to? Real requests
 * write it as a host ("edu.example"), an origin or URL ("https://issuer.example.com"),
 * or an OID4VP client id ("redirect_uri:https://domain.example"). A mismatch is a
 * relay / phishing signal to show the user; an absent domain is `undefined`.
 */
export function domainMatchesOrigin({
  domain,
  origin,
}: {
  domain: string | undefined;
  origin: string;
}): boolean | undefined {
  let expected: URL;
  try {
    expected = new URL(origin);
  } catch (cause) {
    throw new TypeError('"origin" must be an absolute URL.', { cause });
  }
  if (domain === undefined || domain === '') return undefined;
  const value = domain.replace(/^redirect_uri:/, '').trim();
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    try {
      return new URL(value).origin === expected.origin;
    } catch {
      return false;
    }
  }
  return value.toLowerCase() === expected.host.toLowerCase() ||
    value.toLowerCase() === expected.hostname.toLowerCase();
}

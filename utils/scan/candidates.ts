// Which strings on a page are worth classifying: anything that claims to be an interaction
// URL (iuv parameter, interaction: wrappers) or an OID4VCI / OID4VP link. Plain links are not
// reported (a page has hundreds); everything that passes this filter is reported, valid or not.

const SCHEMES = /^(?:web\+interaction:|interaction:|openid-credential-offer:|openid4vp:|haip-vci:|haip-vp:|eudi-openid4vp:)/i;
const IUV = /[?&]iuv=/i;
const OID4_PARAMS = /[?&](?:credential_offer(?:_uri)?|request_uri)=/i;

/** Longest string we look at in one match (interaction URLs are ≤ 4296 characters). */
export const MAX_VALUE_LENGTH = 4296;

export function isCandidateUrl(value: string): boolean {
  if (SCHEMES.test(value)) return true;
  return /^https?:/i.test(value) && (IUV.test(value) || OID4_PARAMS.test(value));
}

// URL-ish tokens in running text; trailing punctuation is trimmed after matching.
const TEXT_URL = /(?:web\+interaction:|interaction:|openid-credential-offer:|openid4vp:|haip-vci:|haip-vp:|eudi-openid4vp:|https?:\/\/)[^\s<>"'`]+/gi;
const QUICK = /interaction:|openid|haip|eudi|iuv=|credential_offer|request_uri/i;

/** Candidate values inside a text (a text node's data). */
export function candidatesInText(text: string): string[] {
  if (!QUICK.test(text)) return [];
  const out: string[] = [];
  for (const match of text.matchAll(TEXT_URL)) {
    const value = match[0].replace(/[.,;:!?)\]}>'"]+$/, '').slice(0, MAX_VALUE_LENGTH);
    if (isCandidateUrl(value) && !out.includes(value)) out.push(value);
  }
  return out;
}

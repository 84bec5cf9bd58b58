// What the demo verifier checks in the presentation a wallet returns: the presentation's proof
// (this verifier's challenge and domain), a ProductAuthenticityCredential in it whose proof
// verifies, that the credential was issued to the DID that signed the presentation, and —
// when the verifier was told whom to trust — that its issuer is one of those.
import { verifyPresentation } from '../../utils/crypto';

export const PROVENANCE_TYPE = 'ProductAuthenticityCredential';

export interface ProvenanceCheck {
  verified: boolean;
  checks: {
    presentation: boolean;
    credential: boolean;
    holderBinding: boolean;
    /** null: no trusted issuers configured, so not checked. */
    issuerTrusted: boolean | null;
  };
  holder?: string;
  issuer?: string;
  product?: { id?: string; sku?: string };
  errors: { name: string; message: string }[];
}

const types = (value: unknown): string[] => (Array.isArray(value) ? value : [value]).filter((t): t is string => typeof t === 'string');
const issuerId = (issuer: unknown): string | undefined =>
  typeof issuer === 'string' ? issuer : typeof (issuer as { id?: unknown })?.id === 'string' ? (issuer as { id: string }).id : undefined;

export async function checkProvenancePresentation({ presentation, challenge, domain, trustedIssuers, now }: {
  presentation: unknown;
  challenge: string;
  domain: string;
  trustedIssuers?: string[];
  now?: Date;
}): Promise<ProvenanceCheck> {
  const errors: ProvenanceCheck['errors'] = [];
  const result: ProvenanceCheck = {
    verified: false,
    checks: { presentation: false, credential: false, holderBinding: false, issuerTrusted: trustedIssuers?.length ? false : null },
    errors,
  };
  if (!presentation || typeof presentation !== 'object' || Array.isArray(presentation)) {
    errors.push({ name: 'DataError', message: 'The wallet did not return a presentation object.' });
    return result;
  }
  const vp = await verifyPresentation({ presentation, challenge, domain, ...(now ? { now } : {}) });
  // Per-credential failures are reported below, with their reasons.
  const proofErrors = vp.errors.filter((e) => !/^Credential \d+ did not verify\.$/.test(e.message));
  result.checks.presentation = proofErrors.length === 0 && !!vp.signer;
  result.holder = vp.signer ?? vp.holder;
  errors.push(...proofErrors.map((e) => ({ name: e.name, message: e.message })));

  const vcs = (presentation as { verifiableCredential?: unknown }).verifiableCredential;
  const list = Array.isArray(vcs) ? vcs : vcs === undefined ? [] : [vcs];
  const index = list.findIndex((vc) => types((vc as { type?: unknown })?.type).includes(PROVENANCE_TYPE));
  if (index < 0) {
    errors.push({ name: 'NotFoundError', message: `The presentation holds no ${PROVENANCE_TYPE}.` });
    return result;
  }
  const credential = list[index] as Record<string, unknown>;
  const credentialResult = vp.credentialResults[index];
  result.checks.credential = !!credentialResult?.verified;
  if (credentialResult && !credentialResult.verified) {
    errors.push(...credentialResult.errors.map((e) => ({ name: e.name, message: `Credential: ${e.message}` })));
  }
  const subject = credential.credentialSubject as { id?: unknown; owns?: { id?: unknown; sku?: unknown } } | undefined;
  result.issuer = issuerId(credential.issuer);
  result.product = {
    ...(typeof subject?.owns?.id === 'string' ? { id: subject.owns.id } : {}),
    ...(typeof subject?.owns?.sku === 'string' ? { sku: subject.owns.sku } : {}),
  };
  result.checks.holderBinding = typeof subject?.id === 'string' && subject.id === vp.signer;
  if (!result.checks.holderBinding) {
    errors.push({ name: 'NotAllowedError', message: 'The credential was issued to someone other than the DID that presented it.' });
  }
  if (trustedIssuers?.length) {
    result.checks.issuerTrusted = !!result.issuer && trustedIssuers.includes(result.issuer);
    if (!result.checks.issuerTrusted) {
      errors.push({ name: 'NotAllowedError', message: `The issuer ${result.issuer ?? '(none)'} is not one this verifier trusts.` });
    }
  }
  const { presentation: p, credential: c, holderBinding: h, issuerTrusted: t } = result.checks;
  result.verified = p && c && h && t !== false;
  return result;
}

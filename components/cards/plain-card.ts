// A card from a summary alone, until the background's card arrives.
import type { CardView, CredentialSummary } from '../../utils/messaging';

export function plainCard(summary: CredentialSummary): CardView {
  return {
    facts: {
      title: summary.name,
      issuer: { ...(summary.issuer.id ? { id: summary.issuer.id } : {}), ...(summary.issuer.name ? { name: summary.issuer.name } : {}) },
      facts: [],
      ...(summary.validFrom ? { validFrom: summary.validFrom } : {}),
      ...(summary.validUntil ? { validUntil: summary.validUntil } : {}),
    },
  };
}

// DCQL's `type_values` are expanded JSON-LD type IRIs: a credential's types expanded with the
// wallet's bundled document loader (no network), so the dcql library can decide. A credential
// whose contexts are not bundled keeps no expanded types (the QueryByExample reading decides).
import jsonld from 'jsonld';
import { documentLoader as bundledLoader, type DocumentLoader } from '../crypto/document-loader';

export async function expandedTypesOf({ credential, documentLoader = bundledLoader }: {
  credential: unknown; documentLoader?: DocumentLoader;
}): Promise<string[] | undefined> {
  if (!credential || typeof credential !== 'object') return undefined;
  try {
    const { proof: _proof, ...rest } = credential as Record<string, unknown>;
    void _proof;
    const expanded = await jsonld.expand(rest, { documentLoader });
    const types = expanded?.[0]?.['@type'];
    return Array.isArray(types) ? types.filter((t: unknown): t is string => typeof t === 'string') : undefined;
  } catch {
    return undefined;
  }
}

/** The candidates with their expanded types added (in parallel). */
export async function withExpandedTypes<T extends { credential: unknown }>({ credentials }: { credentials: T[] }): Promise<(T & { expandedTypes?: string[] })[]> {
  return Promise.all(credentials.map(async (c) => {
    const expandedTypes = await expandedTypesOf({ credential: c.credential });
    return expandedTypes ? { ...c, expandedTypes } : c;
  }));
}

/** Does a request carry DCQL (an OID4VP dcql_query or a DCQL query inside a VCALM request)? */
export function usesDcql(request: unknown): boolean {
  if (!request || typeof request !== 'object') return false;
  const r = request as Record<string, unknown>;
  if (r.dcql_query !== undefined) return true;
  const query = Array.isArray(r.query) ? r.query : r.query ? [r.query] : [];
  return query.some((q) => ['DigitalCredentialQueryLanguage', 'DCQLQuery'].includes((q as { type?: string })?.type ?? ''));
}

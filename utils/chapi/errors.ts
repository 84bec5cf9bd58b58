// Which error names a page may see. Bad arguments from the page are TypeErrors (the page sees
// them as such); other errors are made with utils/errors' namedError.

/** The names a page may see. Anything else is reported to the page as an OperationError. */
import type { ErrorName } from '../errors';

export const PAGE_ERROR_NAMES = [
  'TypeError',
  'NotAllowedError',
  'NotSupportedError',
  'AbortError',
  'OperationError',
  'DataError',
  'TimeoutError',
] as const satisfies readonly ErrorName[];
export type PageErrorName = (typeof PAGE_ERROR_NAMES)[number];

export function pageErrorName({ name }: { name: unknown }): PageErrorName {
  return (PAGE_ERROR_NAMES as readonly unknown[]).includes(name) ? (name as PageErrorName) : 'OperationError';
}

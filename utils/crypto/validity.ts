import type { ErrorSummary } from './errors';

export type Validity = 'valid' | 'expired' | 'not-yet-valid';

// XML Schema dateTime with a time zone, as VC 1.1 and 2.0 require.
const DATE_TIME = /^\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

export function toDate({ now }: { now?: Date | string | number }): Date {
  const date = now === undefined ? new Date() : new Date(now);
  if (Number.isNaN(date.getTime())) throw new TypeError('"now" must be a valid date.');
  return date;
}

/**
 * VC 2.0 `validFrom`/`validUntil` and VC 1.1 `issuanceDate`/`expirationDate`
 * against `now`, with `maxClockSkewSeconds` of grace for clocks that disagree.
 */
export function checkValidity({
  credential,
  now,
  maxClockSkewSeconds = 300,
}: {
  credential: Record<string, unknown>;
  now: Date;
  maxClockSkewSeconds?: number;
}): { validity: Validity; errors: ErrorSummary[] } {
  const errors: ErrorSummary[] = [];
  const read = (field: string): Date | undefined => {
    const value = credential[field];
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || !DATE_TIME.test(value) || Number.isNaN(Date.parse(value))) {
      errors.push({ name: 'DataError', message: `"${field}" must be an XML Schema dateTime with a time zone.` });
      return undefined;
    }
    return new Date(value);
  };
  const skew = maxClockSkewSeconds * 1000;
  const starts = [read('validFrom'), read('issuanceDate')].filter((d): d is Date => !!d);
  const ends = [read('validUntil'), read('expirationDate')].filter((d): d is Date => !!d);
  let validity: Validity = 'valid';
  if (starts.some((d) => d.getTime() - skew > now.getTime())) {
    validity = 'not-yet-valid';
    errors.push({ name: 'DataError', message: `The credential is not valid before ${starts.map((d) => d.toISOString()).join(' / ')}.` });
  }
  if (ends.some((d) => d.getTime() + skew < now.getTime())) {
    validity = 'expired';
    errors.push({ name: 'DataError', message: `The credential expired at ${ends.map((d) => d.toISOString()).join(' / ')}.` });
  }
  return { validity, errors };
}

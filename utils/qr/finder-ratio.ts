/**
 * Whether five consecutive runs look like a finder pattern cross-section
 * (1:1:3:1:1). Returns the module size, or 0 when they do not.
 */
export function finderRatio(r0: number, r1: number, r2: number, r3: number, r4: number): number {
  const total = r0 + r1 + r2 + r3 + r4;
  if (total < 12) return 0; // modules under ~1.7 px are not decodable reliably anyway
  const m = total / 7;
  const tol = m * 0.5 + 0.5;
  if (Math.abs(r0 - m) > tol || Math.abs(r1 - m) > tol) return 0;
  if (Math.abs(r3 - m) > tol || Math.abs(r4 - m) > tol) return 0;
  if (Math.abs(r2 - 3 * m) > tol * 2) return 0;
  return m;
}

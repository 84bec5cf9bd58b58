import { describe, expect, it } from 'vitest';
import { ratePassphrase, requirePassphraseFloor } from './strength';

describe('passphrase strength', () => {
  it('rates common passwords and keyboard rows as not acceptable, with a reason in words', async () => {
    for (const passphrase of ['password1234', 'qwertyuiopasdf']) {
      const rating = await ratePassphrase({ passphrase });
      expect(rating.acceptable).toBe(false);
      expect(rating.score).toBeLessThan(3);
      expect(rating.warning).toMatch(/common|keyboard|guess/i);
    }
  });

  it('accepts a few unrelated words', async () => {
    const rating = await ratePassphrase({ passphrase: 'lantern orchard velvet compass' });
    expect(rating).toMatchObject({ acceptable: true, score: 4 });
    expect(rating.warning).toBeUndefined();
  });

  it('the floor the background enforces: too short or one repeated character is ConstraintError', async () => {
    expect(() => requirePassphraseFloor({ passphrase: 'Xk9!mQ2#' })).toThrow(expect.objectContaining({ name: 'ConstraintError' }));
    expect(() => requirePassphraseFloor({ passphrase: 'abababababababab' })).toThrow(expect.objectContaining({ name: 'ConstraintError' }));
    expect(requirePassphraseFloor({ passphrase: 'lantern orchard' })).toBe('lantern orchard');
    const short = await ratePassphrase({ passphrase: 'Xk9!mQ2#' });
    expect(short.acceptable).toBe(false);
    expect(short.warning).toContain('at least 12');
  });
});

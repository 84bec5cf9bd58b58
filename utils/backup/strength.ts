// How strong a backup passphrase is. The popup rates it with zxcvbn-ts (dictionaries of common
// passwords, keyboard patterns, dates, l33t) and asks for score 3 of 4 before it offers "Download
// backup"; zxcvbn's 380 KB password list is loaded only when the backup view asks for it. The
// background, which must stay small, enforces a floor of its own on every backup it encrypts.
import { namedError } from '../errors';

export const MIN_PASSPHRASE_LENGTH = 12;
/** zxcvbn score (0–4) the popup asks for. */
export const MIN_PASSPHRASE_SCORE = 3;

export interface PassphraseRating {
  /** 0 (guessed at once) … 4 (very hard to guess). */
  score: number;
  acceptable: boolean;
  /** What is wrong, in words ("This is similar to a commonly used password."). */
  warning?: string;
  suggestions: string[];
}

/** The floor the background enforces: long enough and not one repeated character. Throws ConstraintError. */
export function requirePassphraseFloor({ passphrase }: { passphrase: unknown }): string {
  if (typeof passphrase !== 'string') throw new TypeError('"passphrase" must be a string.');
  const chars = [...passphrase.normalize('NFC')];
  if (chars.length < MIN_PASSPHRASE_LENGTH) {
    throw namedError({
      name: 'ConstraintError',
      message: `The passphrase is too short: use at least ${MIN_PASSPHRASE_LENGTH} characters (a few unrelated words work well).`,
    });
  }
  if (new Set(chars).size < 5) {
    throw namedError({ name: 'ConstraintError', message: 'The passphrase repeats too few different characters.' });
  }
  return passphrase;
}

const WARNINGS: Record<string, string> = {
  straightRow: 'Straight rows of keys on your keyboard are easy to guess.',
  keyPattern: 'Short keyboard patterns are easy to guess.',
  simpleRepeat: 'Repeated characters like "aaa" are easy to guess.',
  extendedRepeat: 'Repeated character patterns like "abcabcabc" are easy to guess.',
  sequences: 'Common character sequences like "abc" are easy to guess.',
  recentYears: 'Recent years are easy to guess.',
  dates: 'Dates are easy to guess.',
  topTen: 'This is a heavily used password.',
  topHundred: 'This is a frequently used password.',
  common: 'This is a commonly used password.',
  similarToCommon: 'This is similar to a commonly used password.',
  wordByItself: 'Single words are easy to guess.',
  namesByThemselves: 'Single names or surnames are easy to guess.',
  commonNames: 'Common names and surnames are easy to guess.',
  userInputs: 'There should not be any personal or page-related data.',
  pwned: 'This passphrase was exposed in a data breach.',
};

type Checker = (passphrase: string) => { score: number; feedback: { warning: string | null; suggestions: string[] } };
let checker: Promise<Checker> | undefined;

async function loadChecker(): Promise<Checker> {
  const [{ ZxcvbnFactory }, common] = await Promise.all([import('@zxcvbn-ts/core'), import('@zxcvbn-ts/language-common')]);
  const factory = new ZxcvbnFactory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs });
  return (passphrase) => factory.check(passphrase);
}

/** Rate a passphrase (zxcvbn-ts, loaded on first use) and apply the background's floor too. */
export async function ratePassphrase({ passphrase }: { passphrase: string }): Promise<PassphraseRating> {
  checker ??= loadChecker();
  const result = (await checker)(passphrase);
  let floor: string | undefined;
  try {
    requirePassphraseFloor({ passphrase });
  } catch (error) {
    floor = (error as Error).message;
  }
  const warning = floor ?? (result.feedback.warning ? WARNINGS[result.feedback.warning] ?? 'This passphrase is easy to guess.' : undefined);
  const acceptable = !floor && result.score >= MIN_PASSPHRASE_SCORE;
  return {
    score: result.score,
    acceptable,
    ...(warning ? { warning } : !acceptable ? { warning: 'This passphrase is easy to guess: add another unrelated word.' } : {}),
    suggestions: result.feedback.suggestions.length ? ['Add another word or two; uncommon words are better.'] : [],
  };
}

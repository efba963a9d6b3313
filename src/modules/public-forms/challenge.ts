/**
 * The form challenge: a sum of two small numbers asked in Vietnamese words. It needs no
 * JavaScript, no image and no third party, and a screen reader reads it like any label.
 * It stops blind form-filling bots, not a determined person: the rate limit does that.
 */
import crypto from 'node:crypto';
import { foldVietnamese } from '../../platform/i18n/vi.js';

const DIGIT_WORDS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'] as const;

/** Folded words for 0–9, with the spoken variants (tư for 4, lăm for 5 after mười, bẩy for 7). */
// A Map, not an object literal: "constructor" must not be a number.
const UNIT_VALUES = new Map<string, number>(Object.entries({ khong: 0, mot: 1, hai: 2, ba: 3, bon: 4, tu: 4, nam: 5, lam: 5, sau: 6, bay: 7, tam: 8, chin: 9 }));

export interface Challenge {
  /** "Ba cộng bốn bằng mấy? (ghi bằng số)" */
  question: string;
  /** The answer as digits: kept only hashed inside the token. */
  answer: string;
}

/** A new challenge: two numbers from 1 to 9 (the answer is 2–18). */
export function createChallenge(): Challenge {
  const a = crypto.randomInt(1, 10);
  const b = crypto.randomInt(1, 10);
  const first = DIGIT_WORDS[a]!;
  return { question: `${first[0]!.toUpperCase()}${first.slice(1)} cộng ${DIGIT_WORDS[b]} bằng mấy? (ghi bằng số)`, answer: String(a + b) };
}

/**
 * What number a citizen's answer means: digits ("7", " 07 ") or Vietnamese words with or
 * without diacritics ("bảy", "bẩy", "bay", "mười lăm", "muoi tu"). Undefined when it is
 * neither: the caller treats that as a wrong answer.
 */
export function parseChallengeAnswer(raw: unknown): number | undefined {
  if (typeof raw !== 'string' || raw.length > 40) return undefined;
  const words = foldVietnamese(raw.normalize('NFC'))
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
  if (words.length === 1 && /^\d{1,3}$/.test(words[0]!)) return Number(words[0]);
  if (words.length === 1 && words[0] === 'muoi') return 10;
  // "lăm" is 5 only after "mười"; "tư" alone is how many say 4.
  if (words.length === 1 && words[0] !== 'lam') return UNIT_VALUES.get(words[0]!);
  // Mười một … mười chín: "mười" then a unit; "mười không" is not a way to say 10.
  if (words.length === 2 && words[0] === 'muoi') {
    const unit = UNIT_VALUES.get(words[1]!);
    return unit === undefined || unit === 0 ? undefined : 10 + unit;
  }
  return undefined;
}

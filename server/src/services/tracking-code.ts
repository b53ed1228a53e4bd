import { randomInt } from 'node:crypto';

// No 0/O, 1/I/L, 5/S, 2/Z: a citizen reads the code off a letter or says it on the phone.
const ALPHABET = '346789ABCDEFGHJKMNPQRTUVWXY';

/**
 * The citizen's reference to a case: 12 characters from 27 (about 57 bits, so not guessable),
 * shown in groups of four for reading aloud: "K7QM-4XPR-9DTA".
 */
export function newTrackingCode(): string {
  const characters = Array.from({ length: 12 }, () => ALPHABET[randomInt(ALPHABET.length)]);
  return [0, 4, 8].map((start) => characters.slice(start, start + 4).join('')).join('-');
}

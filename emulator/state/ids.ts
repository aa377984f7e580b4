// Record ids in the platform's shape: 17 characters from [a-zA-Z0-9], cryptographically random.
import { randomBytes } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const ID_LENGTH = 17;
// 248 = 4 * 62: bytes at or above it are skipped so every character is equally likely.
const UNBIASED_LIMIT = 248;

export function newId(): string {
  let id = '';
  while (id.length < ID_LENGTH) {
    for (const byte of randomBytes(24)) {
      if (byte < UNBIASED_LIMIT) id += ALPHABET[byte % 62];
      if (id.length === ID_LENGTH) break;
    }
  }
  return id;
}

/** Password hashing with argon2id (@node-rs/argon2 defaults: 19 MiB, 2 passes, as OWASP advises). */
import { hash, verify, type Algorithm } from '@node-rs/argon2';

// Algorithm is a const enum (not importable as a value here); 2 is Argon2id.
const ARGON2ID = 2 as Algorithm.Argon2id;

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 256;

export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID });
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the name is unknown, so both cases take the same time. */
let dummyHash: Promise<string> | undefined;
export function timingDummyHash(): Promise<string> {
  dummyHash ??= hashPassword('not-a-real-password-for-timing');
  return dummyHash;
}

/** Why a new password is refused, or undefined when it is acceptable. */
export function passwordProblem(password: string): string | undefined {
  if (password.length < MIN_PASSWORD_LENGTH) return `Password needs at least ${MIN_PASSWORD_LENGTH} characters / 密码至少 ${MIN_PASSWORD_LENGTH} 个字符`;
  if (password.length > MAX_PASSWORD_LENGTH) return `Password is longer than ${MAX_PASSWORD_LENGTH} characters / 密码过长`;
  return undefined;
}

/**
 * Password hashing: argon2id through @node-rs/argon2 (Rust, prebuilt for every platform, no
 * compiler needed) with its defaults, which are OWASP's recommended argon2id parameters
 * (19 MiB memory, 2 iterations, 1 lane). Hashes are PHC strings, so parameters can rise later.
 */
import { hash, verify } from '@node-rs/argon2';

/** Algorithm.Argon2id (a const enum, which this build cannot import). */
const ARGON2ID = 2;

export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID });
}

export async function verifyPassword(phc: string, password: string): Promise<boolean> {
  try {
    return await verify(phc, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;
/** Verifies against a throwaway hash, so an unknown email takes as long as a wrong password. */
export async function burnVerify(password: string): Promise<false> {
  dummy ??= hashPassword('palermo-timing-equaliser');
  await verifyPassword(await dummy, password);
  return false;
}

/**
 * Passwords as OWASP ASVS asks (V2.1, V2.4): argon2id hashes, at least 12 characters, up to 128, any
 * characters, no composition rules, not the username, not a well-known password.
 */
import { hash, verify } from '@node-rs/argon2';

const OPTIONS = {
  algorithm: 2 /* Algorithm.Argon2id (a const enum) */,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

const COMMON = new Set([
  'password1234',
  'password12345',
  'passwordpassword',
  '123456789012',
  'qwertyuiop12',
  'letmein12345',
  'welcome12345',
  'changeme1234',
  'iloveyou1234',
  'administrator',
  'kentpolice123',
  'victimcare123',
]);

/** Problems with a proposed password, in words for the user; empty when acceptable. */
export function passwordProblems(password: string, username: string): string[] {
  const problems: string[] = [];
  const length = [...password].length;
  if (length < 12) problems.push('must be at least 12 characters');
  if (length > 128) problems.push('must be at most 128 characters');
  if (password.toLowerCase() === username.toLowerCase()) problems.push('must not be the username');
  if (COMMON.has(password.toLowerCase())) problems.push('is a commonly used password: choose another');
  return problems;
}

export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize('NFKC'), OPTIONS);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password.normalize('NFKC'));
  } catch {
    return false;
  }
}

/** A hash to verify against when the user does not exist, so timing does not reveal usernames. */
let dummy: Promise<string> | undefined;
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword('not-a-real-password-for-timing');
  return dummy;
}

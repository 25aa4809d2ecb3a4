// Petitioners' identities never reach the database (DOMAIN §7): name and ID number become an
// HMAC-SHA-256 keyed with a per-installation secret, so repeat petitioners stay countable.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Where the secret lives: outside git (see .gitignore), overridable for tests and installations. */
export function defaultSecretPath(root: string): string {
  return process.env.DANVAN_SECRET_FILE ?? `${root}/.danvan/secret`;
}

/** Reads the installation secret, creating it on first use. */
export function loadOrCreateSecret(path: string): Buffer {
  if (existsSync(path)) {
    const hex = readFileSync(path, 'utf8').trim();
    if (!/^[0-9a-f]{64}$/.test(hex)) {
      throw new Error(`Tệp khóa bí mật ${path} bị hỏng (cần 64 ký tự hex). / The secret file ${path} is corrupt (64 hex characters expected).`);
    }
    return Buffer.from(hex, 'hex');
  }
  mkdirSync(dirname(path), { recursive: true });
  const secret = randomBytes(32);
  writeFileSync(path, secret.toString('hex') + '\n', { mode: 0o600 });
  return secret;
}

/** A short, non-reversible fingerprint of the secret, so staged files keyed with another secret are not reused. */
export function secretFingerprint(secret: Buffer): string {
  return createHash('sha256').update(secret).digest('hex').slice(0, 12);
}

/**
 * Code points NFC leaves as they are, alone or next to each other: Latin letters and the precomposed
 * Vietnamese letters (none combines with a neighbour; test/unit/petitioner-key.test.ts checks every one).
 */
export const NFC_STABLE_RANGES: [number, number][] = [[0x0, 0x24f], [0x1e00, 0x1eff]];
const codePoint = (n: number) => `\\x{${n.toString(16).toUpperCase()}}`;
/** A name that needs normalising: a code point outside those ranges, or whitespace other than single spaces. */
const NEEDS_NORMALISING = `[^${NFC_STABLE_RANGES.map(([a, b]) => `${codePoint(a)}-${codePoint(b)}`).join('')}]|\\s\\s|[\\t\\n\\r\\f]`;

/** The SQL for the message that is hashed: normalised name and the digits of the ID number. */
export function petitionerMessageSql(nameExpr: string, idExpr: string): string {
  const raw = `trim(coalesce(${nameExpr}, ''))`;
  // Nearly every name is already normal and skips the costly functions; the key is the same either way.
  // RE2's \s is [\t\n\f\r ], as petitionerMessage below spells it out.
  const name = `lower(CASE WHEN regexp_matches(${raw}, '${NEEDS_NORMALISING}') THEN regexp_replace(nfc_normalize(${raw}), '\\s+', ' ', 'g') ELSE ${raw} END)`;
  const idText = `coalesce(${idExpr}, '')`;
  const id = `CASE WHEN regexp_matches(${idText}, '[^0-9]') THEN regexp_replace(${idText}, '[^0-9]', '', 'g') ELSE ${idText} END`;
  // NULL when both are empty.
  return `nullif(${name} || '|' || ${id}, '|')`;
}

/** The same message in JavaScript, for tests and for checking a key by hand. */
export function petitionerMessage(name: string | null, id: string | null): string | null {
  const n = (name ?? '').trim().normalize('NFC').replace(/[\t\n\f\r ]+/g, ' ').toLowerCase();
  const i = (id ?? '').replace(/[^0-9]/g, '');
  return n === '' && i === '' ? null : `${n}|${i}`;
}

/**
 * HMAC-SHA-256 in DuckDB SQL: sha256(K⊕opad ‖ sha256(K⊕ipad ‖ m)), so hashing runs inside the
 * set-based staging query instead of once per row in JavaScript.
 */
export function hmacSql(secret: Buffer, messageExpr: string): string {
  const block = Buffer.alloc(64);
  (secret.length > 64 ? createHash('sha256').update(secret).digest() : secret).copy(block);
  const ipad = Buffer.from(block.map((b) => b ^ 0x36));
  const opad = Buffer.from(block.map((b) => b ^ 0x5c));
  return `sha256(unhex('${opad.toString('hex')}') || unhex(sha256(unhex('${ipad.toString('hex')}') || encode(${messageExpr}))))`;
}

export function hmacJs(secret: Buffer, message: string): string {
  return createHmac('sha256', secret).update(message).digest('hex');
}

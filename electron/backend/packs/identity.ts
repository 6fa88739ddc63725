/**
 * This copy's identity: an Ed25519 key pair (node:crypto), made on first
 * need and kept in the data folder (`identity/ed25519.json`). The private key
 * is wrapped by the platform's key protection where it offers one (Electron's
 * safeStorage: the system keychain); where it does not (the web host, plain
 * Node), it is stored unwrapped and the identity says so, for Settings to show.
 * Beside it, an age X25519 identity (`identity/age-x25519.json`), wrapped the
 * same way: what the secretariat encrypts this copy's confidential packs to.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { chmod, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { AppFailure } from '../../../shared/contract/result.ts';
import { fingerprintOf } from '../../../shared/packs/packFormat.ts';
import { AgeRecipientText } from '../../../shared/schema/packs.ts';
import type { KeyProtection } from '../platform.ts';
import { writeFileAtomic } from '../store/atomicFile.ts';
import { sha256 } from '../store/blobs.ts';

/** Where the key pair is kept, in the data folder. */
export const IDENTITY_FILE = join('identity', 'ed25519.json');

/** The DER prefix of an Ed25519 public key in SPKI form; the 32 raw bytes follow it. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

const IdentityFileSchema = z
  .object({
    format: z.literal('boardkeeper-identity'),
    version: z.literal(1),
    publicKey: z.string().regex(/^[A-Za-z0-9+/]{43}=$/),
    privateKey: z.object({ protection: z.enum(['system', 'none']), pkcs8Base64: z.string().min(1) }).strict(),
    createdAt: z.string(),
  })
  .strict();

/** This copy's key pair, ready to sign. */
export interface Identity {
  /** The public key's 32 raw bytes in base64 (what manifests carry). */
  readonly publicKey: string;
  /** The readable fingerprint (eight groups of four hex digits). */
  readonly fingerprint: string;
  /** The public key in PEM (SPKI), for OpenSSL. */
  readonly publicKeyPem: string;
  /** True when the private key is wrapped by the system's key protection. */
  readonly protectedBySystem: boolean;
  readonly privateKey: KeyObject;
}

/** A public key from its 32 raw bytes in base64. */
export function publicKeyFromText(publicKey: string): KeyObject {
  const raw = Buffer.from(publicKey, 'base64');
  if (raw.length !== 32) throw new AppFailure('invalid_input', 'An Ed25519 public key is 32 bytes.');
  return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
}

/** A public key's 32 raw bytes in base64. */
export function publicKeyTextOf(key: KeyObject): string {
  const der = key.export({ format: 'der', type: 'spki' });
  return der.subarray(der.length - 32).toString('base64');
}

/** The readable fingerprint of a public key given as its raw bytes in base64. */
export function fingerprintOfKey(publicKey: string): string {
  return fingerprintOf(sha256(Buffer.from(publicKey, 'base64')));
}

/** The PEM (SPKI) of a public key given as its raw bytes in base64. */
export function pemOfKey(publicKey: string): string {
  return publicKeyFromText(publicKey).export({ format: 'pem', type: 'spki' }).toString();
}

function identityOf(publicKey: string, privateKey: KeyObject, protectedBySystem: boolean): Identity {
  return {
    publicKey,
    fingerprint: fingerprintOfKey(publicKey),
    publicKeyPem: pemOfKey(publicKey),
    protectedBySystem,
    privateKey,
  };
}

/** A key file's JSON, or null when there is none yet. */
async function readKeyFile(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** A secret as stored: unwrapped by the system's key store when it wrapped it. */
function unwrapSecret(
  stored: { protection: 'system' | 'none'; base64: string },
  protection: KeyProtection | undefined,
  what: string,
): Buffer {
  const bytes = Buffer.from(stored.base64, 'base64');
  if (stored.protection === 'none') return bytes;
  if (!protection?.isAvailable()) {
    throw new AppFailure(
      'conflict',
      `This copy's ${what} is locked by the system's key store, which is not available here (run the desktop app, signed in as the same user).`,
    );
  }
  return protection.decrypt(bytes);
}

/** A secret to store: wrapped by the system's key store where it offers one. */
function wrapSecret(
  secret: Buffer,
  protection: KeyProtection | undefined,
): { protection: 'system' | 'none'; base64: string } {
  const wrap = protection?.isAvailable() === true;
  return {
    protection: wrap ? 'system' : 'none',
    base64: (wrap ? protection.encrypt(secret) : secret).toString('base64'),
  };
}

/** Writes a new key file, readable by its owner only. */
async function writeKeyFile(dataDir: string, path: string, stored: unknown): Promise<void> {
  await mkdir(join(dataDir, 'identity'), { recursive: true });
  await writeFileAtomic(path, `${JSON.stringify(stored, null, 2)}\n`);
  await chmod(path, 0o600).catch(() => undefined);
}

/**
 * The key kept at `path`, made on first need. Concurrent first calls share
 * one making, so a copy never gets two keys; a failure is not kept (the next
 * call tries again).
 */
function loadOnce<T>(making: Map<string, Promise<T>>, path: string, load: () => Promise<T>): Promise<T> {
  let pending = making.get(path);
  if (pending === undefined) {
    pending = load();
    making.set(path, pending);
    pending.catch(() => making.delete(path));
  }
  return pending;
}

async function readIdentity(path: string, protection: KeyProtection | undefined): Promise<Identity | null> {
  const json = await readKeyFile(path);
  if (json === null) return null;
  const parsed = IdentityFileSchema.safeParse(json);
  if (!parsed.success) {
    throw new AppFailure(
      'io_error',
      `This copy's key file (${path}) is damaged: ${parsed.error.issues[0]?.message ?? 'unreadable'}. Packs cannot be signed until it is restored from a backup of the data folder.`,
    );
  }
  const stored = parsed.data;
  const der = unwrapSecret(
    { protection: stored.privateKey.protection, base64: stored.privateKey.pkcs8Base64 },
    protection,
    'private key',
  );
  const privateKey = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  if (publicKeyTextOf(createPublicKey(privateKey)) !== stored.publicKey) {
    throw new AppFailure('io_error', `This copy's key file (${path}) does not hold a matching key pair.`);
  }
  return identityOf(stored.publicKey, privateKey, stored.privateKey.protection === 'system');
}

const making = new Map<string, Promise<Identity>>();

/**
 * This copy's identity, made (and kept) on first need. Concurrent first
 * calls share one making, so a copy never gets two keys.
 */
export function loadIdentity(dataDir: string, protection?: KeyProtection): Promise<Identity> {
  const path = join(dataDir, IDENTITY_FILE);
  return loadOnce(making, path, async () => {
    const existing = await readIdentity(path, protection);
    if (existing) return existing;
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const publicText = publicKeyTextOf(publicKey);
    const secret = wrapSecret(privateKey.export({ format: 'der', type: 'pkcs8' }), protection);
    const stored: z.infer<typeof IdentityFileSchema> = {
      format: 'boardkeeper-identity',
      version: 1,
      publicKey: publicText,
      privateKey: { protection: secret.protection, pkcs8Base64: secret.base64 },
      createdAt: new Date().toISOString(),
    };
    await writeKeyFile(dataDir, path, stored);
    return identityOf(publicText, privateKey, secret.protection === 'system');
  });
}

/** Where this copy's age identity (X25519, for confidential packs) is kept, in the data folder. */
export const AGE_IDENTITY_FILE = join('identity', 'age-x25519.json');

const AgeIdentityFileSchema = z
  .object({
    format: z.literal('boardkeeper-age-identity'),
    version: z.literal(1),
    recipient: AgeRecipientText,
    secretKey: z.object({ protection: z.enum(['system', 'none']), base64: z.string().min(1) }).strict(),
    createdAt: z.string(),
  })
  .strict();

/** This copy's age identity: what confidential packs for this copy are encrypted to. */
export interface AgeIdentity {
  /** `age1…`: the public recipient, in the exported public identity. */
  readonly recipient: string;
  /** `AGE-SECRET-KEY-1…`: the secret, as the `age` command reads it from an identity file. */
  readonly secretKey: string;
  readonly protectedBySystem: boolean;
}

async function readAgeIdentity(path: string, protection: KeyProtection | undefined): Promise<AgeIdentity | null> {
  const json = await readKeyFile(path);
  if (json === null) return null;
  const parsed = AgeIdentityFileSchema.safeParse(json);
  if (!parsed.success) {
    throw new AppFailure(
      'io_error',
      `This copy's age key file (${path}) is damaged: ${parsed.error.issues[0]?.message ?? 'unreadable'}. Confidential packs cannot be opened until it is restored from a backup of the data folder.`,
    );
  }
  const stored = parsed.data;
  const secretKey = unwrapSecret(stored.secretKey, protection, 'age key').toString('utf8');
  const { identityToRecipient } = await import('age-encryption');
  if ((await identityToRecipient(secretKey)) !== stored.recipient) {
    throw new AppFailure('io_error', `This copy's age key file (${path}) does not hold a matching key pair.`);
  }
  return { recipient: stored.recipient, secretKey, protectedBySystem: stored.secretKey.protection === 'system' };
}

const makingAge = new Map<string, Promise<AgeIdentity>>();

/**
 * This copy's age identity (an X25519 key pair: the standard `age` command
 * reads it, unlike the post-quantum hybrid ones), made and kept on first need
 * and wrapped like the signing key.
 */
export function loadAgeIdentity(dataDir: string, protection?: KeyProtection): Promise<AgeIdentity> {
  const path = join(dataDir, AGE_IDENTITY_FILE);
  return loadOnce(makingAge, path, async () => {
    const existing = await readAgeIdentity(path, protection);
    if (existing) return existing;
    // age (and its curves) is loaded when a key is first needed, not with the backend.
    const { generateX25519Identity, identityToRecipient } = await import('age-encryption');
    const secretKey = await generateX25519Identity();
    const recipient = await identityToRecipient(secretKey);
    const secret = wrapSecret(Buffer.from(secretKey, 'utf8'), protection);
    const stored: z.infer<typeof AgeIdentityFileSchema> = {
      format: 'boardkeeper-age-identity',
      version: 1,
      recipient,
      secretKey: secret,
      createdAt: new Date().toISOString(),
    };
    await writeKeyFile(dataDir, path, stored);
    return { recipient, secretKey, protectedBySystem: secret.protection === 'system' };
  });
}

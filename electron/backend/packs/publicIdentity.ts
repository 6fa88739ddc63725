/**
 * A copy's public identity as a small file (`<name> public identity.json`):
 * the member exports it, the secretariat imports it onto the member's record.
 * It carries the Ed25519 signing key (and its fingerprint, read out by phone)
 * and the age X25519 recipient that confidential packs are encrypted to; the
 * recipient is signed with the key, so checking the one fingerprint by phone
 * vouches for both.
 */
import { sign, verify } from 'node:crypto';
import { z } from 'zod';
import { AppFailure } from '../../../shared/contract/result.ts';
import { AgeRecipientText, PublicKeyText, type RecipientKey } from '../../../shared/schema/packs.ts';
import { fingerprintOfKey, publicKeyFromText, type AgeIdentity, type Identity } from './identity.ts';

/** What the key signs: this prefix and the recipient, so the signature means nothing else. */
const SIGNED_PREFIX = 'boardkeeper-age-recipient:';

const PublicIdentitySchema = z
  .object({
    format: z.literal('boardkeeper-public-identity', { message: 'is not a Boardkeeper public identity file' }),
    version: z.literal(1),
    name: z.string().max(200),
    board: z.string().max(200),
    fingerprint: z.string().min(1).max(80),
    publicKey: PublicKeyText,
    publicKeyPem: z.string().max(1000),
    ageRecipient: AgeRecipientText.optional(),
    ageRecipientSignature: z.string().max(200).optional(),
  })
  .strict();
export type PublicIdentityFile = z.infer<typeof PublicIdentitySchema>;

/** The file's content for this copy. */
export function publicIdentityOf(identity: Identity, age: AgeIdentity, name: string, board: string) {
  return {
    format: 'boardkeeper-public-identity',
    version: 1,
    name,
    board,
    fingerprint: identity.fingerprint,
    publicKey: identity.publicKey,
    publicKeyPem: identity.publicKeyPem,
    ageRecipient: age.recipient,
    ageRecipientSignature: sign(null, Buffer.from(SIGNED_PREFIX + age.recipient), identity.privateKey).toString(
      'base64',
    ),
  } satisfies PublicIdentityFile;
}

function refused(fileName: string, why: string): AppFailure {
  const message = `${fileName} ${why}`;
  return new AppFailure('invalid_input', `file: ${message} Nothing was changed.`, {
    issues: [{ field: 'file', message }],
  });
}

/** Whether `recipient` is an X25519 recipient age can encrypt to (its bech32 checksum included). */
async function ageAccepts(recipient: string): Promise<boolean> {
  try {
    const { Encrypter } = await import('age-encryption');
    const e = new Encrypter();
    e.addRecipient(recipient);
    await e.encrypt(new Uint8Array(0));
    return true;
  } catch {
    return false;
  }
}

/**
 * Reads a public identity file, checking its shape, that the fingerprint is
 * its key's, that it has an age recipient and that the key signed it.
 */
export async function readPublicIdentity(fileName: string, bytes: Buffer, importedAt: string): Promise<RecipientKey> {
  if (bytes.length > 64 * 1024) throw refused(fileName, 'is too large to be a public identity file (at most 64 KB).');
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw refused(fileName, 'is not a public identity file: it is not JSON.');
  }
  const parsed = PublicIdentitySchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw refused(
      fileName,
      `is not a public identity file this version reads (${issue?.path.map(String).join('.') || 'the file'}: ${issue?.message ?? 'invalid'}).`,
    );
  }
  const file = parsed.data;
  if (fingerprintOfKey(file.publicKey) !== file.fingerprint) {
    throw refused(fileName, 'states a fingerprint that is not its key’s: the file was changed.');
  }
  if (file.ageRecipient === undefined || file.ageRecipientSignature === undefined) {
    throw refused(
      fileName,
      'has no age recipient (it was exported by an older version): ask the member to export the public identity again.',
    );
  }
  const signature = Buffer.from(file.ageRecipientSignature, 'base64');
  if (
    signature.length !== 64 ||
    !verify(null, Buffer.from(SIGNED_PREFIX + file.ageRecipient), publicKeyFromText(file.publicKey), signature)
  ) {
    throw refused(fileName, 'has an age recipient its key did not sign: the file was changed.');
  }
  if (!(await ageAccepts(file.ageRecipient))) {
    throw refused(fileName, 'has an age recipient that age cannot encrypt to (its checksum is wrong).');
  }
  return {
    name: file.name,
    publicKey: file.publicKey,
    fingerprint: file.fingerprint,
    ageRecipient: file.ageRecipient,
    importedAt,
  };
}

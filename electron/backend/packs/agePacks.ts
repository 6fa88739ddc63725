/**
 * A confidential pack's envelope: the whole pack zip is the payload of an age
 * file (age-encryption.org/v1) encrypted to one member's X25519 recipient,
 * so the standard `age -d -i identity.txt pack.age` opens it. Beside the
 * X25519 stanza the header carries a stanza of our own,
 * `-> boardkeeper-recipient age1…`, which age ignores: it lets a member's copy
 * say "this pack is for another member" rather than only "no key matched".
 */
import { PACK_LIMITS } from '../../../shared/packs/packFormat.ts';
import { packRefused } from './packZip.ts';

/** The first line of every age file. */
const AGE_MAGIC = 'age-encryption.org/v1\n';
/** Our stanza's type: the recipient the pack was made for, in the clear. */
export const RECIPIENT_STANZA = 'boardkeeper-recipient';
/** The most of a file read as the header. */
const MAX_HEADER_BYTES = 64 * 1024;

/** Whether `bytes` begin as an age file does. */
export function isAgeFile(bytes: Buffer): boolean {
  return bytes.subarray(0, AGE_MAGIC.length).toString('latin1') === AGE_MAGIC;
}

/** Encrypts a pack's bytes to `recipient` (age1…), naming the recipient in the header. */
export async function encryptPackTo(pack: Buffer, recipient: string): Promise<Buffer> {
  const { Encrypter, Stanza } = await import('age-encryption');
  const encrypter = new Encrypter();
  encrypter.addRecipient(recipient);
  encrypter.addRecipient({ wrapFileKey: () => [new Stanza([RECIPIENT_STANZA, recipient], new Uint8Array(0))] });
  return Buffer.from(await encrypter.encrypt(pack));
}

/**
 * The stanzas' arguments of an age header, or null when the header is not
 * well formed (no `---` line, a line that is neither a stanza nor base64).
 */
export function ageHeaderStanzas(bytes: Buffer): string[][] | null {
  if (!isAgeFile(bytes)) return null;
  const head = bytes.subarray(0, MAX_HEADER_BYTES).toString('latin1');
  const end = head.indexOf('\n--- ');
  if (end < 0) return null;
  const macLine = head.slice(end + 5, head.indexOf('\n', end + 5));
  if (!/^[A-Za-z0-9+/]{43}$/.test(macLine)) return null;
  const lines = head.slice(AGE_MAGIC.length, end + 1).split('\n');
  lines.pop();
  const stanzas: string[][] = [];
  let inBody = false;
  for (const line of lines) {
    if (line.startsWith('-> ')) {
      if (inBody) return null;
      const args = line.slice(3).split(' ');
      if (args.some((a) => !/^[\x21-\x7e]+$/.test(a))) return null;
      stanzas.push(args);
      inBody = true;
      continue;
    }
    // A body line: base64 without padding, full lines of 64, ended by a shorter one.
    if (!inBody || line.length > 64 || !/^[A-Za-z0-9+/]*$/.test(line)) return null;
    if (line.length < 64) inBody = false;
  }
  return stanzas.length > 0 && !inBody ? stanzas : null;
}

/** What decrypting a confidential pack needs of this copy. */
export interface AgeKey {
  readonly recipient: string;
  readonly secretKey: string;
}

/**
 * Decrypts a confidential pack with this copy's age identity, or refuses it
 * with what is wrong: a damaged header, a pack for another member, a file not
 * encrypted to this copy's identity, a damaged payload.
 */
export async function decryptPack(name: string, bytes: Buffer, key: AgeKey): Promise<Buffer> {
  if (bytes.length > PACK_LIMITS.totalBytes) {
    throw packRefused(`${name} is larger than a pack may be (${PACK_LIMITS.totalBytes / 1024 / 1024} MB).`);
  }
  const stanzas = ageHeaderStanzas(bytes);
  if (stanzas === null) {
    throw packRefused(
      `${name} is an encrypted pack whose age header is damaged: ask the secretariat to send it again.`,
    );
  }
  const named = stanzas.find((s) => s[0] === RECIPIENT_STANZA)?.[1];
  if (named !== undefined && named !== key.recipient) {
    throw packRefused(
      `${name}: this pack is for another member: it is encrypted to ${named}, and this copy's recipient is ${key.recipient}.`,
    );
  }
  const { Decrypter } = await import('age-encryption');
  const decrypter = new Decrypter();
  decrypter.addIdentity(key.secretKey);
  try {
    return Buffer.from(await decrypter.decrypt(bytes));
  } catch (error) {
    const message = (error as Error).message;
    if (/no identity matched/i.test(message)) {
      throw packRefused(
        named === undefined
          ? `${name} is not encrypted to this copy's identity (${key.recipient}): it cannot be opened here (wrong identity).`
          : `${name} names this copy as its recipient but does not open with its identity: the file is damaged.`,
      );
    }
    throw packRefused(
      `${name} is an encrypted pack that is damaged (${message}): ask the secretariat to send it again.`,
    );
  }
}

/**
 * The second implementation of the SecretStore port, for a desktop with no usable keychain (no Secret
 * Service, a keyring that stays locked, keytar's native module missing) — only when the person opts in.
 * Refresh tokens and the local mail key live in one file in the data folder, encrypted with AES-256-GCM
 * under a key derived from a passphrase with scrypt. The passphrase is asked at start and never stored;
 * only the derived key stays in memory while Glance runs. Never Electron's safeStorage, whose Linux
 * fallback without a keyring is plaintext.
 *
 * The file holds two sealed boxes under the same key: a fixed check value, and the secrets. The check
 * tells a wrong passphrase (it fails) from a file changed on disk (it opens but the secrets don't).
 * Both boxes authenticate the header (format, version, scrypt parameters, salt) as associated data.
 */
import {
  createCipheriv,
  createDecipheriv,
  randomBytes,
  scrypt as scryptCallback,
  type ScryptOptions,
} from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { SecretsFileDamagedError, WrongPassphraseError } from '../errors.js';
import type { SecretStore } from '../ports.js';
import { writeFileAtomic } from '../storage/atomic-file.js';

/** In the data folder; its presence is also the persisted choice ("keep my sign-in in a file"). */
export const PASSPHRASE_FILE_NAME = 'sign-in.protected.json';

const FORMAT = 'glance-sign-in';
const VERSION = 1;
const CHECK_PLAINTEXT = 'glance passphrase check';

export interface ScryptParams {
  /** CPU/memory cost, a power of two. */
  N: number;
  r: number;
  p: number;
}

/** ~32 MB and ~0.1–0.3 s on a laptop: a guessing attack pays that per guess. */
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 15, r: 8, p: 1 };
/** Refused when reading, so a crafted file can't make Glance allocate gigabytes. */
const MAX_SCRYPT_N = 2 ** 20;

interface SealedBox {
  iv: string;
  tag: string;
  data: string;
}

interface FileHeader {
  format: typeof FORMAT;
  version: typeof VERSION;
  kdf: { name: 'scrypt'; salt: string } & ScryptParams;
}

interface PassphraseFile extends FileHeader {
  check: SealedBox;
  secrets: SealedBox;
}

function deriveKey(passphrase: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const options: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r };
  return new Promise((resolve, reject) =>
    scryptCallback(passphrase.normalize('NFC'), salt, 32, options, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

function associatedData(header: FileHeader, box: 'check' | 'secrets'): Buffer {
  const { format, version, kdf } = header;
  return Buffer.from(JSON.stringify([format, version, kdf.name, kdf.salt, kdf.N, kdf.r, kdf.p, box]), 'utf8');
}

function seal(key: Buffer, plaintext: string, aad: Buffer): SealedBox {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad);
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return { iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
}

/** The plaintext, or null when the box does not authenticate under this key. */
function open(key: Buffer, box: SealedBox, aad: Buffer): string | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(box.iv, 'base64'));
    decipher.setAAD(aad);
    decipher.setAuthTag(Buffer.from(box.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(box.data, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

function isBox(value: unknown): value is SealedBox {
  const box = value as SealedBox | null;
  return (
    typeof box === 'object' &&
    box !== null &&
    typeof box.iv === 'string' &&
    typeof box.tag === 'string' &&
    typeof box.data === 'string' &&
    Buffer.from(box.iv, 'base64').length === 12 &&
    Buffer.from(box.tag, 'base64').length === 16
  );
}

function parseFile(text: string): PassphraseFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new SecretsFileDamagedError('it is not a Glance sign-in file');
  }
  const file = parsed as PassphraseFile;
  const kdf = file?.kdf;
  const validKdf =
    kdf?.name === 'scrypt' &&
    typeof kdf.salt === 'string' &&
    Buffer.from(kdf.salt, 'base64').length >= 16 &&
    Number.isInteger(kdf.N) &&
    kdf.N >= 2 &&
    kdf.N <= MAX_SCRYPT_N &&
    (kdf.N & (kdf.N - 1)) === 0 &&
    Number.isInteger(kdf.r) &&
    kdf.r >= 1 &&
    kdf.r <= 32 &&
    Number.isInteger(kdf.p) &&
    kdf.p >= 1 &&
    kdf.p <= 16;
  if (file?.format !== FORMAT || file.version !== VERSION || !validKdf || !isBox(file.check) || !isBox(file.secrets))
    throw new SecretsFileDamagedError('it is not a Glance sign-in file');
  return file;
}

const entryKey = (service: string, account: string) => `${service}\u0000${account}`;

export class PassphraseFileStore implements SecretStore {
  private writes: Promise<void> = Promise.resolve();

  private constructor(
    private readonly path: string,
    private readonly header: FileHeader,
    private readonly key: Buffer,
    private readonly check: SealedBox,
    private readonly entries: Map<string, string>,
  ) {}

  static async exists(path: string): Promise<boolean> {
    return stat(path).then(
      () => true,
      () => false,
    );
  }

  /** A new, empty file protected by `passphrase` (replaces any file at `path`). */
  static async create(
    path: string,
    passphrase: string,
    params: ScryptParams = DEFAULT_SCRYPT,
  ): Promise<PassphraseFileStore> {
    const salt = randomBytes(16);
    const header: FileHeader = {
      format: FORMAT,
      version: VERSION,
      kdf: { name: 'scrypt', salt: salt.toString('base64'), ...params },
    };
    const key = await deriveKey(passphrase, salt, params);
    const check = seal(key, CHECK_PLAINTEXT, associatedData(header, 'check'));
    const store = new PassphraseFileStore(path, header, key, check, new Map());
    await store.save();
    return store;
  }

  /** Opens the file: WrongPassphraseError, or SecretsFileDamagedError when it was changed or is not one. */
  static async open(path: string, passphrase: string): Promise<PassphraseFileStore> {
    const file = parseFile(await readFile(path, 'utf8'));
    const header: FileHeader = { format: file.format, version: file.version, kdf: file.kdf };
    const key = await deriveKey(passphrase, Buffer.from(file.kdf.salt, 'base64'), file.kdf);
    if (open(key, file.check, associatedData(header, 'check')) !== CHECK_PLAINTEXT) throw new WrongPassphraseError();
    const plaintext = open(key, file.secrets, associatedData(header, 'secrets'));
    if (plaintext === null) throw new SecretsFileDamagedError('it was changed outside Glance');
    let entries: Map<string, string>;
    try {
      const record = JSON.parse(plaintext) as Record<string, unknown>;
      entries = new Map(Object.entries(record).filter((pair): pair is [string, string] => typeof pair[1] === 'string'));
    } catch {
      throw new SecretsFileDamagedError('its contents can’t be read');
    }
    return new PassphraseFileStore(path, header, key, file.check, entries);
  }

  async get(service: string, account: string): Promise<string | null> {
    return this.entries.get(entryKey(service, account)) ?? null;
  }

  async set(service: string, account: string, secret: string): Promise<void> {
    this.entries.set(entryKey(service, account), secret);
    await this.save();
  }

  async delete(service: string, account: string): Promise<boolean> {
    const deleted = this.entries.delete(entryKey(service, account));
    if (deleted) await this.save();
    return deleted;
  }

  /** One write at a time, each from the latest entries, with a fresh IV. */
  private save(): Promise<void> {
    const write = async () => {
      const file: PassphraseFile = {
        ...this.header,
        check: this.check,
        secrets: seal(
          this.key,
          JSON.stringify(Object.fromEntries(this.entries)),
          associatedData(this.header, 'secrets'),
        ),
      };
      await writeFileAtomic(this.path, `${JSON.stringify(file)}\n`, { mode: 0o600 });
    };
    const next = this.writes.then(write, write);
    this.writes = next.catch(() => undefined);
    return next;
  }
}

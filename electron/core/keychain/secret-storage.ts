/**
 * Where Glance keeps its secrets (refresh tokens, the local mail key): the OS keychain, or — when the
 * person chose it because the keychain can't be used — the passphrase-protected file. Both services of
 * the core (auth and mail) get this one SecretStore, so the mail key always goes where the tokens go.
 * The file in the data folder is the persisted choice; until its passphrase is given, every call fails
 * with KeychainUnavailableError('passphrase-needed') and the app asks for it.
 */
import { join } from 'node:path';
import type { AccountsState } from '../../shared/ipc-contract.js';
import { KeychainUnavailableError } from '../errors.js';
import type { Logger } from '../logging.js';
import type { SecretStore } from '../ports.js';
import { PASSPHRASE_FILE_NAME, PassphraseFileStore, type ScryptParams } from './passphrase-store.js';

export class SecretStorage implements SecretStore {
  private mode: 'keychain' | 'passphrase-file' = 'keychain';
  private file: PassphraseFileStore | null = null;
  private readonly path: string;

  private constructor(
    private readonly keychain: SecretStore,
    dataDir: string,
    private readonly logger: Logger,
    private readonly scrypt: ScryptParams | undefined,
  ) {
    this.path = join(dataDir, PASSPHRASE_FILE_NAME);
  }

  static async open(
    keychain: SecretStore,
    dataDir: string,
    logger: Logger,
    scrypt?: ScryptParams,
  ): Promise<SecretStorage> {
    const storage = new SecretStorage(keychain, dataDir, logger, scrypt);
    if (await PassphraseFileStore.exists(storage.path)) storage.mode = 'passphrase-file';
    return storage;
  }

  /** For AccountsState: present only when the sign-in is kept in the file. */
  state(): Pick<AccountsState, 'passphraseFile'> {
    return this.mode === 'passphrase-file' ? { passphraseFile: { unlocked: this.file !== null } } : {};
  }

  /** The opt-in: opens the existing file with this passphrase, or creates one. The keychain is not used again. */
  async usePassphraseFile(passphrase: string): Promise<void> {
    if (await PassphraseFileStore.exists(this.path)) {
      await this.unlock(passphrase);
      return;
    }
    this.file = await PassphraseFileStore.create(this.path, passphrase, this.scrypt);
    this.mode = 'passphrase-file';
    this.logger.info('Secrets are now kept in the passphrase-protected file');
  }

  /** WrongPassphraseError / SecretsFileDamagedError when it can't be opened. */
  async unlock(passphrase: string): Promise<void> {
    this.file = await PassphraseFileStore.open(this.path, passphrase);
    this.mode = 'passphrase-file';
    this.logger.info('Opened the passphrase-protected sign-in file');
  }

  private current(): SecretStore {
    if (this.mode === 'keychain') return this.keychain;
    if (this.file) return this.file;
    throw new KeychainUnavailableError(undefined, undefined, 'passphrase-needed');
  }

  get(service: string, account: string): Promise<string | null> {
    return Promise.resolve().then(() => this.current().get(service, account));
  }

  set(service: string, account: string, secret: string): Promise<void> {
    return Promise.resolve().then(() => this.current().set(service, account, secret));
  }

  delete(service: string, account: string): Promise<boolean> {
    return Promise.resolve().then(() => this.current().delete(service, account));
  }
}

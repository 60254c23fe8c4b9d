/**
 * The list of signed-in Google accounts and which one is active, kept in `<dataDir>/accounts.json`.
 * Only identity that Google shows anyway (id, email, name, picture URL) — never a token: those live in
 * the keychain. Written atomically; a corrupt file means starting empty (with a log line), not a crash.
 */
import { readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { Logger } from '../logging.js';
import { writeFileAtomic } from '../storage/atomic-file.js';

export const ACCOUNTS_FILE_NAME = 'accounts.json';

export interface StoredAccount {
  /** Google's stable user id (userinfo `id`); also the keychain account name. */
  id: string;
  email: string;
  name: string;
  pictureUrl: string | null;
}

const accountSchema = z.object({
  id: z.string().min(1),
  email: z.string().min(1),
  name: z.string(),
  pictureUrl: z.string().nullable(),
});
const fileSchema = z.object({
  version: z.literal(1),
  accounts: z.array(accountSchema),
  activeAccountId: z.string().nullable(),
});
type AccountsFile = z.infer<typeof fileSchema>;

export class AccountStore {
  readonly filePath: string;
  private accounts: StoredAccount[] = [];
  private activeId: string | null = null;
  private writeChain: Promise<void> = Promise.resolve();
  /** Set when accounts.json exists but could not be read: writing would destroy the accounts in it. */
  private readFailed = false;

  constructor(
    dataDir: string,
    private readonly logger: Logger,
  ) {
    this.filePath = join(dataDir, ACCOUNTS_FILE_NAME);
  }

  /** Reads the file. Missing → empty; unreadable or invalid → empty, with a warning in the log. */
  async load(): Promise<void> {
    let text: string;
    try {
      text = await readFile(this.filePath, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        this.readFailed = true;
        this.logger.warn('accounts.json could not be read; starting with no accounts and leaving the file as it is', {
          code: (error as NodeJS.ErrnoException).code,
        });
      }
      this.accounts = [];
      this.activeId = null;
      return;
    }
    let parsed: AccountsFile;
    try {
      parsed = fileSchema.parse(JSON.parse(text));
    } catch {
      // Keep the damaged file beside the new one rather than overwrite it at the next sign-in.
      const keptAs = `${this.filePath}.corrupt-${Date.now()}`;
      await rename(this.filePath, keptAs).catch(() => undefined);
      this.logger.warn(
        'accounts.json is corrupt; kept it aside and starting with no accounts (sign in again to add them)',
      );
      this.accounts = [];
      this.activeId = null;
      return;
    }
    // Drop duplicate ids defensively: the keychain is keyed by id.
    const seen = new Set<string>();
    this.accounts = parsed.accounts.filter((account) => !seen.has(account.id) && seen.add(account.id));
    this.activeId =
      parsed.activeAccountId !== null && seen.has(parsed.activeAccountId)
        ? parsed.activeAccountId
        : (this.accounts[0]?.id ?? null);
  }

  list(): StoredAccount[] {
    return this.accounts.map((account) => ({ ...account }));
  }

  get(id: string): StoredAccount | undefined {
    const account = this.accounts.find((candidate) => candidate.id === id);
    return account ? { ...account } : undefined;
  }

  findByEmail(email: string): StoredAccount | undefined {
    const wanted = email.trim().toLowerCase();
    const account = this.accounts.find((candidate) => candidate.email.toLowerCase() === wanted);
    return account ? { ...account } : undefined;
  }

  get activeAccountId(): string | null {
    return this.activeId;
  }

  /** Adds or updates an account (matched by id) and persists. */
  upsert(account: StoredAccount, options: { makeActive?: boolean } = {}): Promise<void> {
    const clean: StoredAccount = {
      id: account.id,
      email: account.email,
      name: account.name,
      pictureUrl: account.pictureUrl,
    };
    const index = this.accounts.findIndex((candidate) => candidate.id === clean.id);
    if (index === -1) this.accounts.push(clean);
    else this.accounts[index] = clean;
    if (options.makeActive || this.activeId === null) this.activeId = clean.id;
    return this.persist();
  }

  /** Removes an account; if it was active, the first remaining one becomes active. */
  remove(id: string): Promise<void> {
    this.accounts = this.accounts.filter((account) => account.id !== id);
    if (this.activeId === id) this.activeId = this.accounts[0]?.id ?? null;
    return this.persist();
  }

  /** Returns false when there is no such account. */
  setActive(id: string): boolean {
    if (!this.accounts.some((account) => account.id === id)) return false;
    if (this.activeId !== id) {
      this.activeId = id;
      void this.persist().catch(() => undefined); // persist() already logs.
    }
    return true;
  }

  /** Resolves when every write issued so far has reached the disk. */
  flush(): Promise<void> {
    return this.writeChain;
  }

  private persist(): Promise<void> {
    if (this.readFailed) {
      this.logger.warn(
        'accounts.json was unreadable at start-up; not overwriting it (changes last until Glance quits)',
      );
      return this.writeChain;
    }
    const snapshot: AccountsFile = { version: 1, accounts: this.list(), activeAccountId: this.activeId };
    const contents = `${JSON.stringify(snapshot, null, 2)}\n`;
    // Writes are serialised so an older snapshot can never land after a newer one.
    const write = this.writeChain.then(() => writeFileAtomic(this.filePath, contents));
    this.writeChain = write.catch((error: unknown) => {
      this.logger.error('accounts.json could not be saved', {
        code: (error as NodeJS.ErrnoException).code ?? String(error),
      });
    });
    return write;
  }
}

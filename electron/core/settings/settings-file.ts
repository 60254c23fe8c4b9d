/**
 * Reading `settings.json` without ever losing the person's choices: the file's schema version is migrated
 * step by step, then every field is validated on its own. A bad value falls back to its default alone (and
 * is named, so the person can be told); a bad entry in a per-account map drops that account's entry only.
 * Pure functions: the store (settings-store.ts) does the file work.
 */
import {
  DEFAULT_SETTINGS,
  accountNotificationSettings,
  settingsPatch,
  type AccountNotificationSettings,
  type Settings,
} from '../../shared/ipc-contract.js';

export type SettingsField = keyof Settings;
export const SETTINGS_FIELDS = Object.keys(DEFAULT_SETTINGS) as SettingsField[];

/**
 * The file format's version. Files written before it existed carry none: they are version 1.
 * 1 → 2: remote images gained a policy (never / ask / trusted senders).
 */
export const SETTINGS_SCHEMA_VERSION = 2;

type FileObject = Record<string, unknown>;

/** Migration i takes a file object from version i + 1 to i + 2. Each returns a new object. */
const MIGRATIONS: ReadonlyArray<(file: FileObject) => FileObject> = [
  // 1 → 2. Version 1 showed a trusted sender's remote images automatically. Someone who trusted senders keeps
  // exactly that ('trusted'); everyone else gets the new default, which asks every time.
  (file) => {
    if ('remoteImages' in file) return { ...file };
    const senders = file.remoteContentSenders;
    const trustedSome = Array.isArray(senders) && senders.some((sender) => typeof sender === 'string');
    return { ...file, remoteImages: trustedSome ? 'trusted' : DEFAULT_SETTINGS.remoteImages };
  },
];

export interface ReadSettings {
  settings: Settings;
  /** Fields whose stored value was unusable and now hold their default (or lost an entry), in field order. */
  reset: SettingsField[];
  /** The version the file said it was (1 when it said nothing). */
  foundVersion: number;
  /** Fields of a file written by a newer Glance that this build does not know: kept when the file is rewritten. */
  unknownFields: FileObject;
}

/** The version a file object declares; 1 for files written before versions existed. Null when it is nonsense. */
export function versionOf(file: FileObject): number | null {
  if (!('schemaVersion' in file)) return 1;
  const version = file.schemaVersion;
  return typeof version === 'number' && Number.isInteger(version) && version >= 1 ? version : null;
}

/** Brings a file object from `version` to SETTINGS_SCHEMA_VERSION (a newer one is left as it is). */
export function migrateSettingsFile(file: FileObject, version: number): FileObject {
  let migrated = file;
  for (let step = version - 1; step < MIGRATIONS.length; step++) migrated = MIGRATIONS[step]!(migrated);
  return migrated;
}

const fieldSchemas = settingsPatch.shape;

/**
 * Validates a parsed settings file field by field. `file` must be a JSON object (the caller sets a file
 * aside when it is not).
 */
export function readSettingsFile(file: FileObject): ReadSettings {
  const declared = versionOf(file);
  const reset: SettingsField[] = [];
  // A version that is not a positive integer is itself a bad value: read the fields as the current version.
  const foundVersion = declared ?? SETTINGS_SCHEMA_VERSION;
  const migrated = migrateSettingsFile(file, Math.min(foundVersion, SETTINGS_SCHEMA_VERSION));
  const settings = structuredClone(DEFAULT_SETTINGS) as Settings;
  const assign = <F extends SettingsField>(field: F, value: Settings[F]) => {
    settings[field] = value;
  };
  for (const field of SETTINGS_FIELDS) {
    if (!(field in migrated) || migrated[field] === undefined) continue; // not chosen yet: the default, silently
    const raw = migrated[field];
    if (field === 'accountNotifications') {
      const entries = readAccountNotifications(raw);
      assign(field, entries.value);
      if (entries.dropped) reset.push(field);
      continue;
    }
    if (field === 'remoteContentSenders') {
      const senders = readSenders(raw);
      assign(field, senders.value);
      if (senders.dropped) reset.push(field);
      continue;
    }
    const parsed = fieldSchemas[field].safeParse(raw);
    if (parsed.success && parsed.data !== undefined) assign(field, parsed.data as Settings[typeof field]);
    else reset.push(field);
  }
  const known = new Set<string>([...SETTINGS_FIELDS, 'schemaVersion']);
  const unknownFields =
    foundVersion > SETTINGS_SCHEMA_VERSION
      ? Object.fromEntries(Object.entries(file).filter(([key]) => !known.has(key)))
      : {};
  return { settings: normaliseSettings(settings), reset, foundVersion, unknownFields };
}

function readAccountNotifications(raw: unknown): {
  value: Record<string, AccountNotificationSettings>;
  dropped: boolean;
} {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { value: {}, dropped: true };
  const value: Record<string, AccountNotificationSettings> = {};
  let dropped = false;
  const accountIds = fieldSchemas.accountNotifications.unwrap().keyType;
  for (const [accountId, entry] of Object.entries(raw)) {
    const parsed = accountNotificationSettings.safeParse(entry);
    if (accountIds.safeParse(accountId).success && parsed.success) value[accountId] = parsed.data;
    else dropped = true;
  }
  return { value, dropped };
}

function readSenders(raw: unknown): { value: string[]; dropped: boolean } {
  if (!Array.isArray(raw)) return { value: [], dropped: true };
  const value = raw.filter((sender): sender is string => typeof sender === 'string' && isEmailAddress(sender));
  return { value, dropped: value.length !== raw.length };
}

/**
 * An address a trusted sender can be: one @, something on each side, a dot in the domain, no spaces or
 * angle brackets. Deliberately simple: it is compared with the From address of mail, never sent anywhere.
 */
export function isEmailAddress(text: string): boolean {
  const address = text.trim();
  return address.length <= 320 && /^[^\s@<>()",;]+@[^\s@<>()",;]+\.[^\s@<>()",;.]+$/.test(address);
}

/** Trusted senders as the reader compares them (trimmed, lower-case, each once, only addresses); link domains each once. */
export function normaliseSettings(settings: Settings): Settings {
  const senders = [
    ...new Set(settings.remoteContentSenders.map((s) => s.trim().toLowerCase()).filter((s) => isEmailAddress(s))),
  ];
  return { ...settings, remoteContentSenders: senders, trustedLinkDomains: [...new Set(settings.trustedLinkDomains)] };
}

/** What is written: the version first, then every field (and a newer Glance's fields this build keeps). */
export function settingsFileText(settings: Settings, version: number, unknownFields: FileObject = {}): string {
  return `${JSON.stringify({ schemaVersion: version, ...settings, ...unknownFields }, null, 2)}\n`;
}

/**
 * Attachment names are written by the sender: they can hide their real type (`invoice<U+202E>gpj.exe` shows
 * as "invoiceexe.jpg"), carry invisible characters, folders, trailing dots that Windows drops, or device
 * names (`CON`). One pure module answers for both sides: the reader shows the cleaned name and its true
 * extension, and the main process saves under the safe name whatever the renderer sent. Depends on nothing.
 */

/** A saved name's limit in UTF-8 bytes: fits every common file system (ext4/APFS 255 bytes, NTFS 255 units). */
export const MAX_FILE_NAME_BYTES = 200;
/** The longest tail after the last dot treated as an extension (kept whole when a name is shortened). */
const MAX_EXTENSION_LENGTH = 16;

/**
 * Invisible or deceptive characters, removed: controls, format characters (bidi overrides and isolates,
 * zero-width space/joiners, BOM, soft hyphen, tags), every default-ignorable code point (Hangul fillers,
 * variation selectors…), lone surrogates, private-use characters, and line/paragraph separators.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]/gu;
/** Path separators: never part of a saved name. */
const SEPARATORS = /[/\\]/g;
/** Characters Windows refuses in names. */
const WINDOWS_RESERVED_CHARS = /[<>:"|?*]/g;
/** Names Windows treats as devices, whatever the extension (`CON.txt` opens the console). */
const WINDOWS_DEVICE_NAME = /^(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)\s*(?:\.|$)/i;

/**
 * Types that run code or install software when opened, on any of Windows, macOS or Linux: programs,
 * installers, scripts, shortcuts, disk images and macro-enabled Office files.
 */
export const RISKY_EXTENSIONS: ReadonlySet<string> = new Set([
  // Windows programs, installers, libraries and shortcuts
  ...['exe', 'msi', 'msp', 'msix', 'appx', 'appxbundle', 'com', 'scr', 'pif', 'cpl', 'dll', 'sys', 'drv'],
  ...['bat', 'cmd', 'ps1', 'psm1', 'psd1', 'vbs', 'vbe', 'js', 'jse', 'wsf', 'wsh', 'hta', 'reg', 'inf'],
  ...['lnk', 'url', 'scf', 'application', 'gadget', 'msc', 'chm', 'settingcontent-ms', 'library-ms'],
  // Disk images that mount as a drive and bypass download marks
  ...['iso', 'img', 'vhd', 'vhdx', 'dmg'],
  // macOS and Linux programs, installers and scripts
  ...['app', 'pkg', 'mpkg', 'command', 'workflow', 'terminal', 'scpt', 'applescript'],
  ...['sh', 'bash', 'zsh', 'csh', 'ksh', 'run', 'bin', 'desktop', 'deb', 'rpm', 'appimage', 'snap', 'flatpak'],
  // Cross-platform runtimes and macro-enabled documents
  ...['jar', 'py', 'pyw', 'pl', 'rb', 'php', 'apk', 'xll', 'xlam', 'xlsm', 'docm', 'dotm', 'pptm', 'ppam'],
]);

export interface AttachmentName {
  /** What the reader shows: the sender's name without invisible characters (folders and all, but readable). */
  displayName: string;
  /** What a saved file is called: no folders, no reserved names, bounded, never empty. */
  fileName: string;
  /** The real final extension of `fileName`, lower-case, without the dot; '' when it has none. */
  extension: string;
  /** Opening a file of this type can run code: the reader warns before saving it. */
  risky: boolean;
}

/** Everything the reader and the save path need to know about one attachment name. */
export function attachmentName(raw: string): AttachmentName {
  const fileName = safeFileName(raw);
  const extension = extensionOf(fileName);
  return { displayName: displayName(raw), fileName, extension, risky: RISKY_EXTENSIONS.has(extension) };
}

/** The name as shown: NFC, invisible characters removed, any other space a plain space, never empty. */
export function displayName(raw: string): string {
  const shown = stripInvisible(raw).replace(/\s+/gu, ' ').trim();
  return shown === '' ? 'attachment' : shown;
}

/**
 * A bare file name to save under: invisible characters removed, separators made `_`, characters Windows
 * refuses dropped, no leading dots (hidden files, `..`), no trailing dots or spaces (Windows drops them,
 * changing the type), device names prefixed, at most MAX_FILE_NAME_BYTES with the extension kept.
 */
export function safeFileName(raw: string): string {
  const name = shorten(unboundedFileName(raw));
  return name === '' ? 'attachment' : name;
}

/** `safeFileName` before the length limit: what the shortened name must keep the extension of. */
export function unboundedFileName(raw: string): string {
  const name = stripInvisible(raw)
    .replace(/\s+/gu, ' ')
    .replace(SEPARATORS, '_')
    .replace(WINDOWS_RESERVED_CHARS, '')
    .replace(/^[\s.]+|[\s.]+$/gu, '');
  return WINDOWS_DEVICE_NAME.test(name) ? `_${name}` : name;
}

/** The final extension, lower-case, without the dot ('' for none, or for a "tail" too long to be one). */
export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  if (dot <= 0) return '';
  const tail = fileName.slice(dot + 1);
  return tail.length >= 1 && tail.length <= MAX_EXTENSION_LENGTH && !/\s/u.test(tail) ? tail.toLowerCase() : '';
}

/** Line breaks and tabs become spaces (they separate words); everything else invisible goes. */
function stripInvisible(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\t\n\v\f\r\u0085\u2028\u2029]/g, ' ')
    .replace(INVISIBLE, '');
}

/** Cuts the stem (whole code points) until the name fits; the extension stays whole. */
function shorten(name: string): string {
  if (utf8Length(name) <= MAX_FILE_NAME_BYTES) return name;
  const extension = extensionOf(name);
  const suffix = extension === '' ? '' : name.slice(name.length - extension.length - 1);
  const room = MAX_FILE_NAME_BYTES - utf8Length(suffix) - utf8Length('…');
  let stem = '';
  let used = 0;
  for (const char of name.slice(0, name.length - suffix.length)) {
    const size = utf8Length(char);
    if (used + size > room) break;
    stem += char;
    used += size;
  }
  // The cut may leave the stem ending in a dot or space, which Windows would drop before the extension.
  return `${stem.replace(/[\s.]+$/u, '')}…${suffix}`;
}

function utf8Length(text: string): number {
  let bytes = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

/**
 * Marks a saved attachment as downloaded from the internet, so the OS warns before opening it
 * (Windows SmartScreen / Office Protected View, macOS Gatekeeper) as it would for a browser download.
 * Linux desktops have no equivalent mark.
 */

export interface MarkDownloadedDeps {
  platform: string;
  /** fs.promises.writeFile (Windows: writes the Zone.Identifier alternate data stream). */
  writeFile: (path: string, data: string) => Promise<void>;
  /** child_process.execFile, promisified (macOS: runs xattr). */
  execFile: (file: string, args: string[]) => Promise<unknown>;
  /** Milliseconds since the epoch. */
  now: () => number;
}

/** Zone 3 is "Internet", what browsers write for downloads. */
export const WINDOWS_ZONE_IDENTIFIER = '[ZoneTransfer]\r\nZoneId=3\r\n';

/** The quarantine flags browsers use for a download the person has not opened yet ("0081"). */
export function macQuarantineValue(nowMs: number): string {
  return `0081;${Math.floor(nowMs / 1000).toString(16)};Glance;`;
}

export function createMarkDownloaded(deps: MarkDownloadedDeps): (path: string) => Promise<void> {
  return async (path) => {
    if (deps.platform === 'win32') {
      await deps.writeFile(`${path}:Zone.Identifier`, WINDOWS_ZONE_IDENTIFIER);
    } else if (deps.platform === 'darwin') {
      await deps.execFile('xattr', ['-w', 'com.apple.quarantine', macQuarantineValue(deps.now()), path]);
    }
  };
}

/**
 * Help → Copy diagnostics: what a person pastes into a bug report. Versions, the OS, the settings (without
 * the list of trusted senders: who writes to the person is theirs) and the last lines of the log, redacted
 * once more on the way out.
 */
import { redact } from '../core/logging.js';
import type { Settings } from '../shared/ipc-contract.js';

export const DIAGNOSTIC_LOG_LINES = 200;

export interface DiagnosticsInput {
  appVersion: string;
  /** process.versions: electron, chrome, node… */
  versions: Readonly<Record<string, string | undefined>>;
  os: { platform: string; release: string; arch: string };
  settings: Settings;
  /** The log's last lines, oldest first. */
  logLines: readonly string[];
}

export function buildDiagnostics(input: DiagnosticsInput): string {
  const { remoteContentSenders, ...settings } = input.settings;
  const versions = ['electron', 'chrome', 'node', 'v8']
    .filter((name) => input.versions[name] !== undefined)
    .map((name) => `${name} ${input.versions[name]}`)
    .join(', ');
  const lines = input.logLines.slice(-DIAGNOSTIC_LOG_LINES).map((line) => redact(line));
  return [
    `Glance ${input.appVersion} (${versions})`,
    `OS: ${input.os.platform} ${input.os.release} ${input.os.arch}`,
    `Settings: ${JSON.stringify({ ...settings, remoteContentSenders: `${remoteContentSenders.length} trusted senders` })}`,
    `Log (last ${lines.length} lines):`,
    ...lines,
    '',
  ].join('\n');
}

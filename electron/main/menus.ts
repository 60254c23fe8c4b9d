/**
 * The application menu (standard roles and shortcuts per platform) and the tray menu, as templates for
 * `Menu.buildFromTemplate`. Actions are injected so the templates are testable without Electron.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { EventPayloads } from '../shared/ipc-contract.js';
import type { DoNotDisturbChoice } from './notification-policy.js';

export type RendererCommand = EventPayloads['command:run']['command'];

export interface MenuActions {
  /** Sends `command:run` to the window (and shows it). */
  runCommand(command: RendererCommand): void;
  showAbout(): void;
  openHelp(): void;
  /** Opens the folder holding glance.log in the file manager. */
  openLogsFolder(): void;
  /** Copies versions, OS, settings (no sender lists) and the last redacted log lines to the clipboard. */
  copyDiagnostics(): void;
}

export interface MenuOptions {
  platform: NodeJS.Platform;
  appName: string;
  /** Development adds Reload and the developer tools. */
  isDev: boolean;
}

export function buildAppMenuTemplate(options: MenuOptions, actions: MenuActions): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin';
  const checkMail: MenuItemConstructorOptions = {
    id: 'check-mail',
    label: 'Check for New Mail',
    accelerator: 'CmdOrCtrl+R',
    click: () => actions.runCommand('refresh'),
  };
  const chooseClient: MenuItemConstructorOptions = {
    id: 'choose-client',
    label: 'Use My Google Client…',
    click: () => actions.runCommand('chooseClientFile'),
  };
  // macOS calls it Settings… (Preferences… before macOS 13) and puts it in the app menu; elsewhere it is in File.
  const settings: MenuItemConstructorOptions = {
    id: 'settings',
    label: mac ? 'Settings…' : '&Settings…',
    accelerator: 'CmdOrCtrl+,',
    click: () => actions.runCommand('settings'),
  };
  const template: MenuItemConstructorOptions[] = [];
  if (mac) {
    template.push({
      label: options.appName,
      submenu: [
        { role: 'about' },
        { type: 'separator' },
        settings,
        { type: 'separator' },
        { role: 'services' },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' },
      ],
    });
  }
  template.push({
    label: mac ? 'Mailbox' : '&File',
    submenu: [
      checkMail,
      { type: 'separator' },
      chooseClient,
      ...(mac ? [] : [settings, { type: 'separator' as const }, { role: 'quit' as const }]),
    ],
  });
  template.push({
    label: mac ? 'Edit' : '&Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
      { type: 'separator' },
      { id: 'find', label: 'Search Mail', accelerator: 'CmdOrCtrl+F', click: () => actions.runCommand('search') },
    ],
  });
  template.push({
    label: mac ? 'View' : '&View',
    submenu: [
      ...(options.isDev
        ? ([
            { role: 'reload', accelerator: 'CmdOrCtrl+Shift+R' },
            { role: 'toggleDevTools' },
            { type: 'separator' },
          ] as MenuItemConstructorOptions[])
        : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  });
  template.push({
    label: mac ? 'Window' : '&Window',
    role: 'windowMenu',
    submenu: mac
      ? // Close (Cmd+W) hides the window; Glance keeps running in the menu bar.
        [{ role: 'minimize' }, { role: 'zoom' }, { role: 'close' }, { type: 'separator' }, { role: 'front' }]
      : [{ role: 'minimize' }, { role: 'close' }],
  });
  template.push({
    label: mac ? 'Help' : '&Help',
    role: 'help',
    submenu: [
      {
        id: 'shortcuts',
        label: 'Keyboard Shortcuts',
        accelerator: mac ? 'Cmd+/' : 'Ctrl+/',
        click: () => actions.runCommand('shortcuts'),
      },
      { id: 'help', label: 'Glance Help', click: () => actions.openHelp() },
      { type: 'separator' },
      { id: 'open-logs', label: 'Open Logs Folder', click: () => actions.openLogsFolder() },
      { id: 'copy-diagnostics', label: 'Copy Diagnostics', click: () => actions.copyDiagnostics() },
      { id: 'network-activity', label: 'Network Activity', click: () => actions.runCommand('networkActivity') },
      ...(mac
        ? []
        : [
            { type: 'separator' as const },
            { id: 'about', label: `About ${options.appName}`, click: () => actions.showAbout() },
          ]),
    ],
  });
  return template;
}

export interface TrayActions {
  open(): void;
  checkNow(): void;
  quit(): void;
  /** Do not disturb for an hour, until tomorrow morning, until turned off; or `off` to end it now. */
  setDoNotDisturb?(choice: DoNotDisturbChoice | 'off'): void;
}

export interface TrayStatus {
  /** How long do not disturb lasts (describeDoNotDisturb), or null when it is off. */
  doNotDisturb: string | null;
}

/** `lines`: one per account (its address and unread count), or one line when there is no account. */
export function buildTrayMenuTemplate(
  lines: readonly string[],
  actions: TrayActions,
  status: TrayStatus = { doNotDisturb: null },
): MenuItemConstructorOptions[] {
  const setDoNotDisturb = actions.setDoNotDisturb;
  const dnd = status.doNotDisturb;
  const doNotDisturb: MenuItemConstructorOptions[] = setDoNotDisturb
    ? [
        {
          id: 'do-not-disturb',
          label: dnd ? `Do Not Disturb: On ${dnd}` : 'Do Not Disturb',
          submenu: [
            { id: 'dnd-hour', label: 'For 1 Hour', click: () => setDoNotDisturb('hour') },
            { id: 'dnd-tomorrow', label: 'Until Tomorrow Morning', click: () => setDoNotDisturb('tomorrow') },
            { id: 'dnd-manual', label: 'Until I Turn It Off', click: () => setDoNotDisturb('off-manually') },
            { type: 'separator' },
            { id: 'dnd-off', label: 'Turn Off', enabled: dnd !== null, click: () => setDoNotDisturb('off') },
          ],
        },
      ]
    : [];
  return [
    ...lines.map((label, index): MenuItemConstructorOptions => ({ id: `unread-${index}`, label, enabled: false })),
    { type: 'separator' },
    { id: 'open', label: 'Open Glance', click: () => actions.open() },
    { id: 'check-now', label: 'Check Now', click: () => actions.checkNow() },
    ...doNotDisturb,
    { type: 'separator' },
    { id: 'quit', label: 'Quit Glance', click: () => actions.quit() },
  ];
}

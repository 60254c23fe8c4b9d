/**
 * The application menu (standard roles and shortcuts per platform) and the tray menu, as templates for
 * `Menu.buildFromTemplate`, in the main process's language (electron/main/i18n.ts; rebuilt when it
 * changes). Standard roles get their label from the catalogue too: Electron's own are English only.
 * Actions are injected so the templates are testable without Electron.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { DoNotDisturbRemaining } from '../shared/do-not-disturb.js';
import type { EventPayloads } from '../shared/ipc-contract.js';
import { t } from './i18n.js';
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

/** macOS menus have no access keys: `&File` is `File` there (`&&` stays a literal `&`). */
function withoutAccessKey(label: string): string {
  return label.replace(/&(&?)/g, '$1');
}

function quitLabel(platform: NodeJS.Platform, appName: string): string {
  if (platform === 'darwin') return t('menu.quitMac', { appName });
  return platform === 'win32' ? t('menu.quitWindows') : t('menu.quitLinux');
}

export function buildAppMenuTemplate(options: MenuOptions, actions: MenuActions): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin';
  const { appName } = options;
  const menuLabel = (label: string) => (mac ? withoutAccessKey(label) : label);
  const checkMail: MenuItemConstructorOptions = {
    id: 'check-mail',
    label: t('menu.checkMail'),
    accelerator: 'CmdOrCtrl+R',
    click: () => actions.runCommand('refresh'),
  };
  const chooseClient: MenuItemConstructorOptions = {
    id: 'choose-client',
    label: t('menu.chooseClient'),
    click: () => actions.runCommand('chooseClientFile'),
  };
  // macOS calls it Settings… (Preferences… before macOS 13) and puts it in the app menu; elsewhere it is in File.
  const settings: MenuItemConstructorOptions = {
    id: 'settings',
    label: menuLabel(t('menu.settings')),
    accelerator: 'CmdOrCtrl+,',
    click: () => actions.runCommand('settings'),
  };
  const template: MenuItemConstructorOptions[] = [];
  if (mac) {
    template.push({
      label: appName,
      submenu: [
        { role: 'about', label: t('menu.about', { appName }) },
        { type: 'separator' },
        settings,
        { type: 'separator' },
        { role: 'services', label: t('menu.services') },
        { type: 'separator' },
        { role: 'hide', label: t('menu.hide', { appName }) },
        { role: 'hideOthers', label: t('menu.hideOthers') },
        { role: 'unhide', label: t('menu.showAll') },
        { type: 'separator' },
        { role: 'quit', label: quitLabel(options.platform, appName) },
      ],
    });
  }
  template.push({
    label: mac ? t('menu.mailbox') : t('menu.file'),
    submenu: [
      checkMail,
      { type: 'separator' },
      chooseClient,
      ...(mac
        ? []
        : [
            settings,
            { type: 'separator' as const },
            { role: 'quit' as const, label: quitLabel(options.platform, appName) },
          ]),
    ],
  });
  template.push({
    label: menuLabel(t('menu.edit')),
    submenu: [
      { role: 'undo', label: t('menu.undo') },
      { role: 'redo', label: t('menu.redo') },
      { type: 'separator' },
      { role: 'cut', label: t('menu.cut') },
      { role: 'copy', label: t('menu.copy') },
      { role: 'paste', label: t('menu.paste') },
      { role: 'selectAll', label: t('menu.selectAll') },
      { type: 'separator' },
      {
        id: 'find',
        label: t('menu.searchMail'),
        accelerator: 'CmdOrCtrl+F',
        click: () => actions.runCommand('search'),
      },
    ],
  });
  template.push({
    label: menuLabel(t('menu.view')),
    submenu: [
      ...(options.isDev
        ? ([
            { role: 'reload', label: t('menu.reload'), accelerator: 'CmdOrCtrl+Shift+R' },
            { role: 'toggleDevTools', label: t('menu.toggleDevTools') },
            { type: 'separator' },
          ] as MenuItemConstructorOptions[])
        : []),
      { role: 'resetZoom', label: t('menu.actualSize') },
      { role: 'zoomIn', label: t('menu.zoomIn') },
      { role: 'zoomOut', label: t('menu.zoomOut') },
      { type: 'separator' },
      { role: 'togglefullscreen', label: t('menu.toggleFullScreen') },
    ],
  });
  template.push({
    label: menuLabel(t('menu.window')),
    role: 'windowMenu',
    submenu: mac
      ? // Close (Cmd+W) hides the window; Glance keeps running in the menu bar.
        [
          { role: 'minimize', label: t('menu.minimize') },
          { role: 'zoom', label: t('menu.zoom') },
          { role: 'close', label: t('menu.closeWindow') },
          { type: 'separator' },
          { role: 'front', label: t('menu.bringAllToFront') },
        ]
      : [
          { role: 'minimize', label: t('menu.minimize') },
          { role: 'close', label: t('menu.close') },
        ],
  });
  template.push({
    label: menuLabel(t('menu.help')),
    role: 'help',
    submenu: [
      {
        id: 'shortcuts',
        label: t('menu.shortcuts'),
        accelerator: mac ? 'Cmd+/' : 'Ctrl+/',
        click: () => actions.runCommand('shortcuts'),
      },
      { id: 'help', label: t('menu.appHelp', { appName }), click: () => actions.openHelp() },
      { type: 'separator' },
      { id: 'open-logs', label: t('menu.openLogs'), click: () => actions.openLogsFolder() },
      { id: 'copy-diagnostics', label: t('menu.copyDiagnostics'), click: () => actions.copyDiagnostics() },
      {
        id: 'network-activity',
        label: t('menu.networkActivity'),
        click: () => actions.runCommand('networkActivity'),
      },
      ...(mac
        ? []
        : [
            { type: 'separator' as const },
            { id: 'about', label: t('menu.about', { appName }), click: () => actions.showAbout() },
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
  /** How long do not disturb lasts (doNotDisturbRemaining), or null when it is off. */
  doNotDisturb: DoNotDisturbRemaining | null;
}

/** The tray's Do Not Disturb item, saying how long it lasts while it is on. */
function doNotDisturbLabel(remaining: DoNotDisturbRemaining | null): string {
  if (remaining === null) return t('tray.doNotDisturb');
  switch (remaining.kind) {
    case 'until-turned-off':
      return t('tray.dndUntilTurnedOff');
    case 'minutes':
      return t('tray.dndForMinutes', { minutes: remaining.minutes });
    case 'until':
      return remaining.tomorrow
        ? t('tray.dndUntilTomorrow', { time: remaining.time })
        : t('tray.dndUntil', { time: remaining.time });
  }
}

/** `lines`: one per account (its address and unread count), or one line when there is no account. */
export function buildTrayMenuTemplate(
  lines: readonly string[],
  actions: TrayActions,
  status: TrayStatus = { doNotDisturb: null },
  appName = 'Glance',
): MenuItemConstructorOptions[] {
  const setDoNotDisturb = actions.setDoNotDisturb;
  const dnd = status.doNotDisturb;
  const doNotDisturb: MenuItemConstructorOptions[] = setDoNotDisturb
    ? [
        {
          id: 'do-not-disturb',
          label: doNotDisturbLabel(dnd),
          submenu: [
            { id: 'dnd-hour', label: t('tray.dndHour'), click: () => setDoNotDisturb('hour') },
            { id: 'dnd-tomorrow', label: t('tray.dndTomorrow'), click: () => setDoNotDisturb('tomorrow') },
            { id: 'dnd-manual', label: t('tray.dndManual'), click: () => setDoNotDisturb('off-manually') },
            { type: 'separator' },
            { id: 'dnd-off', label: t('tray.dndTurnOff'), enabled: dnd !== null, click: () => setDoNotDisturb('off') },
          ],
        },
      ]
    : [];
  return [
    ...lines.map((label, index): MenuItemConstructorOptions => ({ id: `unread-${index}`, label, enabled: false })),
    { type: 'separator' },
    { id: 'open', label: t('tray.open', { appName }), click: () => actions.open() },
    { id: 'check-now', label: t('tray.checkNow'), click: () => actions.checkNow() },
    ...doNotDisturb,
    { type: 'separator' },
    { id: 'quit', label: t('tray.quit', { appName }), click: () => actions.quit() },
  ];
}

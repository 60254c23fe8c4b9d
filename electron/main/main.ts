/**
 * Glance's main process: the thin Electron glue. Every decision lives in a small module next to this
 * one (security, csp, ipc, window-state, unread-indicators, notifications, menus, event-router) and is
 * unit-tested with fakes; this file only connects them to Electron's objects.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  nativeImage,
  nativeTheme,
  net,
  Notification,
  powerMonitor,
  screen,
  session,
  shell,
  Tray,
  type NativeImage,
  type Session,
} from 'electron';
import { createGlanceCore, type GlanceCore } from '../core/app-core.js';
import { keytarSecretStore } from '../core/keychain/secret-store.js';
import { consoleLogger } from '../core/logging.js';
import type { FileDialogs } from '../core/ports.js';
import type { EventName, EventPayloads } from '../shared/ipc-contract.js';
import { resolveAppPage } from './app-page.js';
import { developmentCsp, PRODUCTION_CSP, serializeCsp, withCspHeader } from './csp.js';
import { embeddedClientFrom, readEnvironment } from './environment.js';
import { checkAllAccounts, routeCoreEvents } from './event-router.js';
import { registerIpc } from './ipc.js';
import { AUTOSTART_FILE, autostartDir, setLinuxAutostart } from './linux-autostart.js';
import { createMarkDownloaded } from './mark-downloaded.js';
import { buildAppMenuTemplate, buildTrayMenuTemplate } from './menus.js';
import { watchOnline } from './online-watcher.js';
import { denyAllPermissions, describeUrlForLog, hardenWebContents } from './security.js';
import { showUnreadCount, unreadSentence, type OverlayName } from './unread-indicators.js';
import { BACKGROUND, buildWindowOptions } from './window-options.js';
import { clampToDisplays, loadWindowState, saveWindowState } from './window-state.js';

const APP_ID = 'org.glance.desktop';
const HOMEPAGE = 'https://glance.example.org';

const environment = readEnvironment(process.env, { isPackaged: app.isPackaged });
const logger = consoleLogger('glance', environment.debugLogging ? 'debug' : 'info');
const isDev = environment.devServerUrl !== undefined;
if (environment.userDataDir) app.setPath('userData', environment.userDataDir);
if (process.platform === 'win32') app.setAppUserModelId(APP_ID);
// Every renderer Glance could ever create runs sandboxed, not only the windows that ask for it.
app.enableSandbox();

const appPage = resolveAppPage(app.getAppPath(), environment.devServerUrl);
const assetPath = (...parts: string[]) => join(app.getAppPath(), 'dist', 'assets', ...parts);
const openExternal = (url: string) => shell.openExternal(url);
const securityOptions = { isAppPage: appPage.isAppPage, openExternal, logger };

let core: GlanceCore | null = null;
let mainWindow: BrowserWindow | null = null;
let windowReady: Promise<void> | null = null;
let tray: Tray | null = null;
let quitting = false;
let windowStateSaved: Promise<void> = Promise.resolve();
/** Electron may garbage-collect a shown Notification and drop its click handler; keep them until used. */
const liveNotifications = new Set<Notification>();

// ---------------------------------------------------------------------------------------------------
// Single instance: a second launch focuses the running window instead.
// ---------------------------------------------------------------------------------------------------
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => void showWindow());
  registerSecurity();
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      logger.error('Glance could not start', { error });
      dialog.showErrorBox(
        'Glance could not start',
        'Something went wrong while starting Glance. Please try again; if it keeps happening, reinstall Glance.',
      );
      app.exit(1);
    });
}

function registerSecurity() {
  const hardenedSessions = new WeakSet<Session>();
  const hardenSession = (target: Session) => {
    if (hardenedSessions.has(target)) return;
    hardenedSessions.add(target);
    denyAllPermissions(target, logger);
    const policy = serializeCsp(appPage.devServerOrigin ? developmentCsp(appPage.devServerOrigin) : PRODUCTION_CSP);
    target.webRequest.onHeadersReceived((details, callback) =>
      callback(withCspHeader(details, appPage.isAppPage, policy)),
    );
  };
  // Every web contents, including ones Glance never meant to create, gets the same rules.
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, securityOptions);
    hardenSession(contents.session);
  });
  app.whenReady().then(
    () => hardenSession(session.defaultSession),
    () => {},
  );
  // Never trust a bad certificate: no preventDefault here, so Chromium rejects it. Log the host only.
  app.on('certificate-error', (_event, _contents, url, error) => {
    logger.warn('Rejected a certificate', { target: describeUrlForLog(url), error });
  });
}

// ---------------------------------------------------------------------------------------------------
// Start-up
// ---------------------------------------------------------------------------------------------------
async function start() {
  const embedded = embeddedClientFrom(
    typeof __GLANCE_EMBEDDED_CLIENT__ === 'undefined' ? null : __GLANCE_EMBEDDED_CLIENT__,
  );
  core = await createGlanceCore({
    paths: { dataDir: app.getPath('userData') },
    ...(environment.clientSecretsPath ? { clientSecretsPath: environment.clientSecretsPath } : {}),
    ...(embedded ? { embeddedClient: embedded } : {}),
    forceDemo: environment.forceDemo,
    secretStore: keytarSecretStore(),
    browser: { open: openExternal },
    dialogs: fileDialogs(),
    openExternal,
    logger,
    appVersion: app.getVersion(),
    platform: process.platform,
    setLaunchAtLogin,
    markDownloaded: createMarkDownloaded({
      platform: process.platform,
      writeFile: (path, data) => writeFile(path, data),
      execFile: promisify(execFile),
      now: Date.now,
    }),
  });
  const readyCore = core;

  registerIpc({
    ipcMain,
    dispatch: (channel, args) => readyCore.dispatch(channel, args),
    trustedContents: () => (mainWindow && !mainWindow.isDestroyed() ? mainWindow.webContents : null),
    isAppPage: appPage.isAppPage,
    logger,
  });

  app.setAboutPanelOptions({
    applicationName: 'Glance',
    applicationVersion: app.getVersion(),
    copyright: 'Copyright © Glance Team. MIT License.',
    website: HOMEPAGE,
    credits: 'A fast, private desktop reader for your unread Gmail.',
    ...(process.platform === 'linux' ? { iconPath: assetPath('icon.png') } : {}),
  });
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      buildAppMenuTemplate(
        { platform: process.platform, appName: 'Glance', isDev },
        {
          runCommand: (command) => void showWindow().then(() => send('command:run', { command })),
          showAbout: () => app.showAboutPanel(),
          openHelp: () => void openExternal(HOMEPAGE),
        },
      ),
    ),
  );

  createTray();
  routeCoreEvents({
    core: readyCore,
    sendToWindow: send,
    showWindow,
    isWindowFocused: () => mainWindow !== null && !mainWindow.isDestroyed() && mainWindow.isFocused(),
    showUnreadCount: updateIndicators,
    notify: showNotification,
    logger,
  });

  // Re-sync when the person comes back: window focus, wake from sleep, network back.
  app.on('browser-window-focus', () => readyCore.onWake('focus'));
  powerMonitor.on('resume', () => readyCore.onWake('resume'));
  watchOnline({ isOnline: () => net.isOnline(), onOnline: () => readyCore.onWake('online') });

  await applyLaunchAtLoginSetting(readyCore);
  await showWindow();
}

function fileDialogs(): FileDialogs {
  return {
    async chooseClientSecretsFile() {
      const options: Electron.OpenDialogOptions = {
        title: 'Choose your Google client secrets file',
        buttonLabel: 'Use This Client',
        filters: [{ name: 'Google client secrets (JSON)', extensions: ['json'] }],
        properties: ['openFile'],
      };
      const result = mainWindow
        ? await dialog.showOpenDialog(mainWindow, options)
        : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async chooseSavePath(suggestedName) {
      const options: Electron.SaveDialogOptions = {
        title: 'Save Attachment',
        defaultPath: join(app.getPath('downloads'), suggestedName),
      };
      const result = mainWindow
        ? await dialog.showSaveDialog(mainWindow, options)
        : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
  };
}

function setLaunchAtLogin(enabled: boolean) {
  // An unpackaged app would register the bare Electron binary as a login item.
  if (!app.isPackaged) {
    logger.info('Launch at login is only applied to the installed app');
    return;
  }
  if (process.platform === 'linux') {
    // An AppImage runs from a temporary mount; autostart must name the AppImage file itself.
    const executable = environment.appImagePath ?? process.execPath;
    setLinuxAutostart(enabled, { dir: linuxAutostartDir(), executable }).catch((error: unknown) =>
      logger.warn('Could not change launch at login', { error }),
    );
    return;
  }
  app.setLoginItemSettings({ openAtLogin: enabled });
}

function linuxAutostartDir(): string {
  return autostartDir(process.env, homedir());
}

function launchesAtLogin(): boolean {
  if (process.platform === 'linux') return existsSync(join(linuxAutostartDir(), AUTOSTART_FILE));
  return app.getLoginItemSettings().openAtLogin;
}

/** Makes the OS agree with the setting (it may have been changed in System Settings, or on another install). */
async function applyLaunchAtLoginSetting(readyCore: GlanceCore) {
  if (!app.isPackaged) return;
  const wanted = readyCore.settings.get().launchAtLogin;
  if (launchesAtLogin() !== wanted) setLaunchAtLogin(wanted);
}

// ---------------------------------------------------------------------------------------------------
// The window
// ---------------------------------------------------------------------------------------------------
async function createWindow(): Promise<BrowserWindow> {
  const dataDir = app.getPath('userData');
  const saved = await loadWindowState(dataDir, logger);
  const bounds = clampToDisplays(
    saved,
    screen.getAllDisplays().map((display) => display.workArea),
    screen.getPrimaryDisplay().workArea,
  );
  const window = new BrowserWindow(
    buildWindowOptions({
      bounds,
      preloadPath: join(app.getAppPath(), 'dist', 'preload', 'preload.cjs'),
      darkMode: nativeTheme.shouldUseDarkColors,
      platform: process.platform,
      iconPath: assetPath('icon.png'),
    }),
  );
  if (bounds.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());

  const onThemeChange = () => {
    if (!window.isDestroyed())
      window.setBackgroundColor(nativeTheme.shouldUseDarkColors ? BACKGROUND.dark : BACKGROUND.light);
  };
  nativeTheme.on('updated', onThemeChange);

  window.on('close', (event) => {
    // Quitting waits for this write (see will-quit), so the size is remembered even on a fast exit.
    windowStateSaved = saveWindowState(dataDir, { ...window.getNormalBounds(), maximized: window.isMaximized() }).catch(
      (error: unknown) => logger.warn('Could not remember the window position', { error }),
    );
    // macOS keeps apps running with no window; hide so reopening is instant and keeps the reader's place.
    if (process.platform === 'darwin' && !quitting) {
      event.preventDefault();
      window.hide();
    }
  });
  window.on('closed', () => {
    nativeTheme.off('updated', onThemeChange);
    if (mainWindow === window) {
      mainWindow = null;
      windowReady = null;
    }
  });
  window.webContents.on('render-process-gone', (_event, details) => {
    logger.error('The Glance page stopped', { reason: details.reason });
    if (details.reason !== 'clean-exit' && !window.isDestroyed()) window.webContents.reload();
  });

  mainWindow = window;
  windowReady = new Promise<void>((resolve) => window.webContents.once('did-finish-load', () => resolve()));
  await window.loadURL(appPage.url);
  return window;
}

/** Shows and focuses the window, creating it when needed; resolves when its page has loaded. */
async function showWindow(): Promise<void> {
  if (!app.isReady()) return;
  if (!mainWindow || mainWindow.isDestroyed()) await createWindow();
  const window = mainWindow;
  if (!window) return;
  await windowReady;
  if (window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  if (!window.isVisible()) window.show();
  window.focus();
}

function send<E extends EventName>(event: E, payload: EventPayloads[E]) {
  if (mainWindow && !mainWindow.isDestroyed() && !mainWindow.webContents.isLoading())
    mainWindow.webContents.send(event, payload);
}

// ---------------------------------------------------------------------------------------------------
// Tray, badge, notifications
// ---------------------------------------------------------------------------------------------------
function trayImage(): NativeImage {
  // macOS: a template image (black + alpha) the menu bar tints; Windows/Linux: the coloured mark.
  const file =
    process.platform === 'darwin' ? 'trayTemplate.png' : process.platform === 'win32' ? 'tray.ico' : 'tray.png';
  const image = nativeImage.createFromPath(assetPath('tray', file));
  if (process.platform === 'darwin') image.setTemplateImage(true);
  return image;
}

function createTray() {
  try {
    tray = new Tray(trayImage());
  } catch (error) {
    // Some Linux desktops have no status area; the app works without a tray.
    logger.warn('No tray icon on this desktop', { error });
    tray = null;
    return;
  }
  tray.on('click', () => {
    if (process.platform !== 'darwin') void showWindow();
  });
  updateIndicators(0);
}

const overlayCache = new Map<OverlayName, NativeImage | null>();
function overlayImage(name: OverlayName): NativeImage | null {
  if (!overlayCache.has(name)) {
    const image = nativeImage.createFromPath(assetPath('overlay', `${name}.png`));
    overlayCache.set(name, image.isEmpty() ? null : image);
  }
  return overlayCache.get(name) ?? null;
}

function updateIndicators(count: number, lines: string[] = [unreadSentence(count)]) {
  showUnreadCount(count, {
    platform: process.platform,
    app,
    window: mainWindow,
    tray,
    overlayImage,
  });
  if (tray && !tray.isDestroyed()) {
    tray.setContextMenu(
      Menu.buildFromTemplate(
        buildTrayMenuTemplate(lines, {
          open: () => void showWindow(),
          checkNow: () => {
            if (core) void checkAllAccounts(core, logger);
          },
          quit: () => app.quit(),
        }),
      ),
    );
  }
}

function showNotification(planned: { title: string; body: string }, onClick: () => void) {
  if (!Notification.isSupported()) return;
  const notification = new Notification({ title: planned.title, body: planned.body, silent: false });
  liveNotifications.add(notification);
  notification.on('click', () => {
    liveNotifications.delete(notification);
    onClick();
  });
  notification.on('close', () => liveNotifications.delete(notification));
  notification.show();
}

// ---------------------------------------------------------------------------------------------------
// Lifecycle
// ---------------------------------------------------------------------------------------------------
app.on('activate', () => void showWindow());
app.on('before-quit', () => {
  quitting = true;
});
app.on('window-all-closed', () => {
  // Windows and Linux: closing the window quits (a tray icon is not guaranteed on every Linux desktop).
  if (process.platform !== 'darwin') app.quit();
});
let disposed = false;
app.on('will-quit', (event) => {
  if (disposed || !core) return;
  event.preventDefault();
  disposed = true;
  const closing = core;
  core = null;
  Promise.all([closing.dispose(), windowStateSaved])
    .catch((error: unknown) => logger.warn('Glance did not shut down cleanly', { error }))
    .finally(() => app.quit());
});

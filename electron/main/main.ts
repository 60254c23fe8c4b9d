/**
 * Glance's main process: the thin Electron glue. Every decision lives in a small module next to this
 * one (security, csp, ipc, window-state, unread-indicators, notifications, menus, event-router) and is
 * unit-tested with fakes; this file only connects them to Electron's objects.
 */
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { arch, homedir, release } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  app,
  BrowserWindow,
  clipboard,
  dialog,
  ipcMain,
  Menu,
  nativeImage,
  nativeTheme,
  net,
  Notification,
  powerMonitor,
  protocol,
  screen,
  session,
  shell,
  Tray,
  type NativeImage,
  type Session,
} from 'electron';
import { createGlanceCore, type GlanceCore } from '../core/app-core.js';
import { chooseStoreBinding, STORE_BINDING_MISSING } from './store-native-binding.js';
import { keytarSecretStore } from '../core/keychain/secret-store.js';
import { openRotatingLogFile } from '../core/log-file.js';
import { consoleSink, createLogger, teeSink } from '../core/logging.js';
import { createWorkerMessageParser, MESSAGE_WORKER_FILE } from '../core/message/worker-parser.js';
import { NetworkActivityRecorder } from '../core/net/network-activity.js';
import type { FileDialogs } from '../core/ports.js';
import { DEFAULT_SETTINGS, type EventName, type EventPayloads } from '../shared/ipc-contract.js';
import type { ListMode } from '../shared/unread-shown.js';
import { buildDiagnostics, DIAGNOSTIC_LOG_LINES } from './diagnostics.js';
import { resolveAppPage } from './app-page.js';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './app-protocol.js';
import { developmentCsp, PRODUCTION_CSP, serializeCsp, withCspHeader } from './csp.js';
import { embeddedClientFrom, readEnvironment } from './environment.js';
import { mainLocaleFor, pageUrlWithLanguage, setMainLocale, t, type LocaleInputs } from './i18n.js';
import { checkAllAccounts, messageOpener, notificationActionRunner, routeCoreEvents } from './event-router.js';
import { registerIpc } from './ipc.js';
import {
  adoptLoginItemState,
  APP_USER_MODEL_ID,
  applyLaunchAtLogin,
  loginItemStateFrom,
  type LoginItemOs,
} from './launch-at-login.js';
import { autostartDir, linuxAutostartEnabled, setLinuxAutostart } from './linux-autostart.js';
import { createMarkDownloaded } from './mark-downloaded.js';
import { buildAppMenuTemplate, buildTrayMenuTemplate } from './menus.js';
import {
  permissionPrimer,
  sendTestNotification,
  shouldAskNotificationPermission,
  trackNotificationOutcomes,
} from './notification-outcomes.js';
import { doNotDisturbFor, type DoNotDisturbChoice } from './notification-policy.js';
import { doNotDisturbRemaining } from '../shared/do-not-disturb.js';
import { platformButtons, pressedAction, type NotificationAction, type PlannedNotification } from './notifications.js';
import {
  GOOGLE_SESSION_PARTITION,
  googleFetch,
  recordWindowRequests,
  stripWindowCookies,
  withoutCookiesSet,
} from './network.js';
import { PendingShow, pendingShowDispatch } from './pending-show.js';
import { ProxySignIn, proxySignInDispatch } from './proxy-sign-in.js';
import { osReadableIconPath } from './resource-paths.js';
import { createCoreGate, gatedDispatch, mainProcessChannels } from './startup-gate.js';
import { parseToastAction, parseToastLaunch, TOAST_ACTIVATOR_CLSID, toastXmlFor } from './windows-toast.js';
import { watchOnline } from './online-watcher.js';
import { denyAllPermissions, describeUrlForLog, hardenWebContents } from './security.js';
import { rememberUnreadCount, showUnreadCount, unreadSentence, type OverlayName } from './unread-indicators.js';
import { BACKGROUND, buildWindowOptions } from './window-options.js';
import { clampToDisplays, loadWindowState, saveWindowState } from './window-state.js';
import { crashReloads, onPageGone, sendToPage } from './window-page.js';

const HOMEPAGE = 'https://glance.example.org';

const environment = readEnvironment(process.env, { isPackaged: app.isPackaged });
if (environment.userDataDir) app.setPath('userData', environment.userDataDir);
// The platform's logs folder (macOS ~/Library/Logs/Glance; Linux and Windows: "logs" in the data folder).
app.setAppLogsPath();
const logFile = openRotatingLogFile({ dir: app.getPath('logs') });
const logger = createLogger(teeSink(environment.logLevel, consoleSink, logFile.sink), 'glance');
const isDev = environment.devServerUrl !== undefined;
if (process.platform === 'win32') {
  // A toast clicked in the Action Center later (its Notification object long gone) arrives here. The CLSID goes
  // first: setting the AppUserModelId registers the app (and its Start Menu shortcut) with the CLSID set by then.
  app.setToastActivatorCLSID(TOAST_ACTIVATOR_CLSID);
  app.setAppUserModelId(APP_USER_MODEL_ID);
  Notification.handleActivation((details) => {
    // A cold start from a toast reports its activation before the app is ready.
    void app.whenReady().then(() => {
      // A button (Archive, Mark as read): applied through the core, the window stays as it is.
      const pressed = parseToastAction(details.arguments);
      if (pressed) {
        void coreGate.get().then((readyCore) => runNotificationAction(readyCore, pressed.target, pressed.action));
        return;
      }
      const target = parseToastLaunch(details.arguments);
      if (target) openMessage(target);
      else void showWindow();
    });
  });
}
// Every renderer Glance could ever create runs sandboxed, not only the windows that ask for it.
app.enableSandbox();

// The page is served from glance://app/ (app-protocol.ts), never from file://; privileges before ready.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

const appPage = resolveAppPage(environment.devServerUrl);
const rendererDir = join(app.getAppPath(), 'dist', 'renderer');
const assetPath = (...parts: string[]) => join(app.getAppPath(), 'dist', 'assets', ...parts);
const openExternal = (url: string) => shell.openExternal(url);
const securityOptions = { isAppPage: appPage.isAppPage, appOrigin: appPage.origin, openExternal, logger };

let core: GlanceCore | null = null;
/** IPC calls wait here: the window may open (second launch, Dock click) before the core exists. */
const coreGate = createCoreGate<GlanceCore>();
let mainWindow: BrowserWindow | null = null;
let windowReady: Promise<void> | null = null;
let tray: Tray | null = null;
/** Answers proxies that ask for a password, through the window (set at start-up). */
let proxySignIn: ProxySignIn | null = null;
/** The message a notification click asked for, until the window's page takes it (`message:takePendingShow`). */
const pendingShow = new PendingShow();
let quitting = false;
let windowStateSaved: Promise<void> = Promise.resolve();
/** Electron may garbage-collect a shown Notification and drop its click handler; keep them until used. */
const liveNotifications = new Set<Notification>();
/** Help → Network activity: Glance's requests (through the core's fetch port) and the window's. */
const networkActivity = new NetworkActivityRecorder();

// ---------------------------------------------------------------------------------------------------
// Single instance: a second launch focuses the running window instead.
// ---------------------------------------------------------------------------------------------------
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerIpc({
    ipcMain,
    // The main process's own channels (proxy sign-in, a clicked notification's message) do not wait for the core:
    // its start-up may wait on that proxy.
    dispatch: gatedDispatch(
      coreGate,
      bringToFront,
      mainProcessChannels(
        proxySignInDispatch(() => proxySignIn, logger),
        pendingShowDispatch(pendingShow, logger),
      ),
    ),
    trustedContents: () => (mainWindow && !mainWindow.isDestroyed() ? mainWindow.webContents : null),
    isAppPage: appPage.isAppPage,
    appOrigin: appPage.origin,
    logger,
  });
  app.on('second-instance', () => void showWindow());
  registerSecurity();
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      coreGate.failed(error);
      logger.error('Glance could not start', { error });
      dialog.showErrorBox(t('dialog.startFailedTitle'), t('dialog.startFailedBody'));
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
    // One listener per session: our page gets its policy, a sender's server gets no cookie kept.
    target.webRequest.onHeadersReceived((details, callback) => {
      const forOurPage = withCspHeader(details, appPage.isAppPage, policy);
      callback(forOurPage.responseHeaders ? forOurPage : withoutCookiesSet(details, appPage.isAppPage));
    });
    stripWindowCookies(target);
    recordWindowRequests(target, networkActivity, appPage.isAppPage);
  };
  // Every web contents, including ones Glance never meant to create, gets the same rules.
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, securityOptions);
    hardenSession(contents.session);
  });
  app.whenReady().then(
    () => {
      hardenSession(session.defaultSession);
      // Only the files of dist/renderer, each with its type; the page with its CSP header.
      protocol.handle(
        APP_SCHEME,
        createAppProtocolHandler({
          readRendererFile: (segments) => readFile(join(rendererDir, ...segments)),
          onRefused: (reason) => logger.warn('Refused a request for an app file', { reason }),
        }),
      );
    },
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
  // The system's language until the settings are read (a failed start-up is reported in it).
  applyLanguage();
  // Glance's own menu from the start: a window shown before the core is ready (a second launch, a proxy's
  // question) must not carry Electron's default menu, with its Reload and developer tools.
  buildApplicationMenu();
  const storeBinding = chooseStoreBinding({
    isPackaged: app.isPackaged,
    appPath: app.getAppPath(),
    electronVersion: process.versions.electron ?? '',
    platform: process.platform,
    arch: process.arch,
  });
  if (storeBinding.kind === 'missing') logger.warn(STORE_BINDING_MISSING);
  const embedded = embeddedClientFrom(
    typeof __GLANCE_EMBEDDED_CLIENT__ === 'undefined' ? null : __GLANCE_EMBEDDED_CLIENT__,
  );
  // A proxy that asks for a password: the window asks the person (shown first if it was closed to the tray).
  const proxyAnswers = new ProxySignIn({
    ask: async (request) => {
      await showWindow();
      if (!mainWindow || mainWindow.isDestroyed()) return false;
      send('proxy:signInRequested', request);
      return true;
    },
    withdrawn: (requestId) => send('proxy:signInWithdrawn', { requestId }),
    logger,
  });
  proxySignIn = proxyAnswers;
  core = await createGlanceCore({
    paths: { dataDir: app.getPath('userData') },
    // Chromium's network stack for every request to Google: system proxy, PAC, proxy auth, OS certificates.
    fetch: googleFetch({
      session: session.fromPartition(GOOGLE_SESSION_PARTITION),
      request: (options) => net.request(options),
      proxySignIn: proxyAnswers,
    }),
    networkActivity,
    ...(environment.clientSecretsPath ? { clientSecretsPath: environment.clientSecretsPath } : {}),
    ...(embedded ? { embeddedClient: embedded } : {}),
    forceDemo: environment.forceDemo,
    secretStore: keytarSecretStore(),
    browser: { open: openExternal },
    clipboard: {
      writeText: (text) => clipboard.writeText(text),
      readText: () => clipboard.readText(),
      clear: () => clipboard.clear(),
    },
    dialogs: fileDialogs(),
    notifier: {
      test: () =>
        sendTestNotification({
          platform: process.platform,
          isSupported: () => Notification.isSupported(),
          create: (content) => {
            // Kept until the system answers: a collected Notification never reports `show` or `failed`.
            const notification = new Notification({ ...content, silent: false });
            liveNotifications.add(notification);
            const release = () => liveNotifications.delete(notification);
            notification.once('show', release);
            notification.once('failed', release);
            notification.once('close', release);
            // The system may never answer (the test then says "no answer"): not kept for ever either.
            setTimeout(release, 10 * 60_000).unref();
            return notification;
          },
          schedule: (callback, ms) => {
            const timer = setTimeout(callback, ms);
            return () => clearTimeout(timer);
          },
        }),
    },
    openExternal,
    logger,
    appVersion: app.getVersion(),
    platform: process.platform,
    ...(storeBinding.kind === 'electron-build' ? { storeNativeBinding: storeBinding.path } : {}),
    setLaunchAtLogin,
    applyTheme: (theme) => {
      // Native menus, dialogs and the window's background follow the app's theme; 'system' follows the OS.
      nativeTheme.themeSource = theme;
    },
    openFolder: async (path) => {
      // shell.openPath reports failure as a message, not a rejection.
      const failure = await shell.openPath(path);
      if (failure) throw new Error('The data folder could not be opened');
    },
    // Messages are parsed on worker threads: a 50 MB message never blocks IPC or the window's events here.
    messageParser: createWorkerMessageParser({
      workerPath: join(app.getAppPath(), 'dist', 'main', MESSAGE_WORKER_FILE),
      logger,
    }),
    markDownloaded: createMarkDownloaded({
      platform: process.platform,
      writeFile: (path, data) => writeFile(path, data),
      execFile: promisify(execFile),
      now: Date.now,
    }),
  });
  const readyCore = core;
  coreGate.ready(readyCore);
  applyLanguage();
  showInLanguage();

  createTray();
  // Before the event router, so the tray's account lines it makes on a language change are already translated.
  readyCore.onEvent((event) => {
    if (event === 'settings:changed' && applyLanguage()) showInLanguage();
  });
  routeCoreEvents({
    core: readyCore,
    sendToWindow: send,
    showWindow,
    pendingShow,
    isWindowFocused: () => mainWindow !== null && !mainWindow.isDestroyed() && mainWindow.isFocused(),
    showUnreadCount: updateIndicators,
    notify: showNotification,
    logger,
  });
  // The tray's "Do Not Disturb" shows how long it lasts: rebuilt when the setting changes and when it ends.
  readyCore.onEvent((event) => {
    if (event === 'settings:changed') rebuildTrayMenu();
  });
  rebuildTrayMenu();

  // Re-sync when the person comes back: window focus, wake from sleep, network back.
  app.on('browser-window-focus', () => readyCore.onWake('focus'));
  powerMonitor.on('resume', () => readyCore.onWake('resume'));
  watchOnline({ isOnline: () => net.isOnline(), onOnline: () => readyCore.onWake('online') });

  await adoptLaunchAtLoginFromOs(readyCore);
  await showWindow();
  await askNotificationPermissionOnce(readyCore);
}

/** What the main process's language is chosen from: the setting, the system's languages, GLANCE_LOCALE. */
function languageInputs(): LocaleInputs {
  return {
    choice: core?.settings.get().language ?? DEFAULT_SETTINGS.language,
    systemLanguages: app.getPreferredSystemLanguages(),
    forced: environment.locale,
  };
}

/** Switches the main process to the chosen language; true when it changed. */
function applyLanguage(): boolean {
  return setMainLocale(mainLocaleFor(languageInputs()));
}

/** Everything the main process shows, (re)built in its current language. The window follows by itself. */
function showInLanguage() {
  app.setAboutPanelOptions(aboutPanelOptions());
  buildApplicationMenu();
  unreadCount.reapply();
  rebuildTrayMenu();
}

function aboutPanelOptions(): Electron.AboutPanelOptionsOptions {
  return {
    applicationName: 'Glance',
    applicationVersion: app.getVersion(),
    copyright: t('about.copyright'),
    website: HOMEPAGE,
    credits: t('about.credits'),
    ...(process.platform === 'linux'
      ? {
          iconPath: osReadableIconPath({
            isPackaged: app.isPackaged,
            resourcesPath: process.resourcesPath,
            appPath: app.getAppPath(),
          }),
        }
      : {}),
  };
}

function buildApplicationMenu() {
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      buildAppMenuTemplate(
        { platform: process.platform, appName: 'Glance', isDev },
        {
          runCommand: (command) => void showWindow().then(() => send('command:run', { command })),
          showAbout: () => app.showAboutPanel(),
          openHelp: () => void openExternal(HOMEPAGE),
          openLogsFolder: () => void shell.openPath(app.getPath('logs')),
          copyDiagnostics: () =>
            void clipboard
              .writeText(
                buildDiagnostics({
                  appVersion: app.getVersion(),
                  versions: process.versions,
                  os: { platform: process.platform, release: release(), arch: arch() },
                  settings: core?.settings.get() ?? DEFAULT_SETTINGS,
                  logLines: logFile.tail(DIAGNOSTIC_LOG_LINES),
                }),
              )
              .catch((error: unknown) => logger.warn('Could not copy the diagnostics', { error })),
        },
      ),
    ),
  );
}

function fileDialogs(): FileDialogs {
  return {
    async chooseClientSecretsFile() {
      const options: Electron.OpenDialogOptions = {
        title: t('dialog.chooseClientTitle'),
        buttonLabel: t('dialog.chooseClientButton'),
        filters: [{ name: t('dialog.clientFileType'), extensions: ['json'] }],
        properties: ['openFile'],
      };
      const result = mainWindow
        ? await dialog.showOpenDialog(mainWindow, options)
        : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async chooseSavePath(suggestedName) {
      const options: Electron.SaveDialogOptions = {
        title: t('dialog.saveAttachmentTitle'),
        defaultPath: join(app.getPath('downloads'), suggestedName),
      };
      const result = mainWindow
        ? await dialog.showSaveDialog(mainWindow, options)
        : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
  };
}

/** The OS's login items: Electron on macOS/Windows, the XDG autostart entry on Linux. */
const loginItems: LoginItemOs = {
  async read() {
    if (process.platform === 'linux') {
      const enabled = await linuxAutostartEnabled(autostartDir(process.env, homedir()));
      return { enabled, pendingApproval: false };
    }
    return loginItemStateFrom(process.platform, app.getLoginItemSettings());
  },
  async write(enabled) {
    if (process.platform === 'linux') {
      // An AppImage runs from a temporary mount; autostart must name the AppImage file itself.
      const executable = environment.appImagePath ?? process.execPath;
      await setLinuxAutostart(enabled, { dir: autostartDir(process.env, homedir()), executable });
    } else app.setLoginItemSettings({ openAtLogin: enabled });
  },
};

/** The person changed the setting in Glance (the core calls this). */
function setLaunchAtLogin(enabled: boolean) {
  // An unpackaged app would register the bare Electron binary as a login item.
  if (!app.isPackaged) {
    logger.info('Launch at login is only applied to the installed app');
    return;
  }
  applyLaunchAtLogin(enabled, loginItems, logger).catch((error: unknown) =>
    logger.warn('Could not change launch at login', { error }),
  );
}

/** The OS owns launch at login (System Settings, Task Manager, autostart): its state becomes the setting. */
async function adoptLaunchAtLoginFromOs(readyCore: GlanceCore) {
  if (!app.isPackaged) return;
  try {
    const adopted = await adoptLoginItemState(readyCore.settings.get().launchAtLogin, loginItems, async (enabled) => {
      await readyCore.settings.update({ launchAtLogin: enabled });
    });
    if (adopted) logger.info('Launch at login follows the system setting', { enabled: adopted.enabled });
  } catch (error) {
    logger.warn('Could not read launch at login from the system', { error });
  }
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
  // The first showing (ready-to-show, or showWindow once the page has loaded, whichever comes first) restores the
  // saved maximised state: maximize() also shows the window, so earlier it would appear empty, later it would
  // appear at its normal size and then jump.
  let shownBefore = false;
  const reveal = () => {
    if (!shownBefore && bounds.maximized) window.maximize();
    shownBefore = true;
    window.show();
  };
  revealWindow.set(window, reveal);
  window.once('ready-to-show', () => {
    if (!window.isDestroyed() && !window.isVisible()) reveal();
  });
  // Windows: an overlay set before the taskbar button existed is lost; show the count again.
  window.on('show', () => unreadCount.reapply());

  const onThemeChange = () => {
    if (!window.isDestroyed())
      window.setBackgroundColor(nativeTheme.shouldUseDarkColors ? BACKGROUND.dark : BACKGROUND.light);
  };
  nativeTheme.on('updated', onThemeChange);

  // Windows: shutting down or logging off emits neither close nor quit, and Electron ends the process once this
  // returns unless Glance is quitting: quit, so the window's place is kept and the store closed (will-quit).
  window.on('session-end', () => app.quit());
  window.on('close', (event) => {
    // Quitting waits for this write (see will-quit), so the size is remembered even on a fast exit.
    windowStateSaved = saveWindowState(dataDir, { ...window.getNormalBounds(), maximized: window.isMaximized() }).catch(
      (error: unknown) => logger.warn('Could not remember the window position', { error }),
    );
    // macOS keeps apps running with no window; hide so reopening is instant and keeps the reader's place.
    if (process.platform === 'darwin' && !quitting) {
      event.preventDefault();
      // Hidden in full screen, the window would leave its empty black Space behind: leave full screen first.
      if (window.isFullScreen()) {
        window.once('leave-full-screen', () => window.hide());
        window.setFullScreen(false);
      } else window.hide();
    }
  });
  // A question the page was showing is lost when the page goes (a reload, a crash, the window closed).
  const withdrawProxyQuestions = () => proxySignIn?.withdrawQuestions();
  onPageGone(window.webContents, withdrawProxyQuestions);
  window.on('closed', () => {
    withdrawProxyQuestions();
    nativeTheme.off('updated', onThemeChange);
    if (mainWindow === window) {
      mainWindow = null;
      windowReady = null;
    }
  });
  const reloadAfterCrash = crashReloads();
  window.webContents.on('render-process-gone', (_event, details) => {
    logger.error('The Glance page stopped', { reason: details.reason });
    if (details.reason === 'clean-exit' || window.isDestroyed()) return;
    if (reloadAfterCrash()) {
      window.webContents.reload();
      return;
    }
    logger.error('The Glance page keeps stopping; Glance closes instead of loading it again');
    dialog.showErrorBox(t('dialog.pageStoppedTitle'), t('dialog.pageStoppedBody', { folder: app.getPath('logs') }));
    app.quit();
  });

  mainWindow = window;
  windowReady = new Promise<void>((resolve) => window.webContents.once('did-finish-load', () => resolve()));
  // The page starts in the main process's language (`?lang=…&system=…`); any query is still our page.
  await window.loadURL(pageUrlWithLanguage(appPage.url, languageInputs()));
  return window;
}

/** How each window shows itself (the first time at its saved maximised state). */
const revealWindow = new WeakMap<BrowserWindow, () => void>();

/** Shows and focuses the window, creating it when needed; resolves when its page has loaded. */
let creatingWindow: Promise<BrowserWindow> | null = null;
async function showWindow(): Promise<void> {
  if (!app.isReady()) return;
  if (!mainWindow || mainWindow.isDestroyed()) {
    // A second launch during start-up and start-up itself must not make two windows.
    creatingWindow ??= createWindow().finally(() => (creatingWindow = null));
    await creatingWindow;
  }
  const window = mainWindow;
  if (!window) return;
  await windowReady;
  if (window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  if (!window.isVisible()) revealWindow.get(window)?.();
  window.focus();
}

/** After the browser sign-in: the person is in their browser; bring Glance back in front. */
function bringToFront() {
  void showWindow().then(() => {
    if (process.platform === 'darwin') app.focus({ steal: true });
  });
}

const openMessage = messageOpener({ showWindow, sendToWindow: send, logger, pendingShow });

function send<E extends EventName>(event: E, payload: EventPayloads[E]) {
  sendToPage(mainWindow, event, payload);
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

const unreadCount = rememberUnreadCount((count, mode) =>
  showUnreadCount(count, { platform: process.platform, app, window: mainWindow, tray, overlayImage }, mode),
);

let trayLines: string[] = [unreadSentence(0)];
let dndEndTimer: ReturnType<typeof setTimeout> | null = null;

function updateIndicators(count: number, lines: string[] = [unreadSentence(count)], mode?: ListMode) {
  unreadCount.update(count, mode);
  trayLines = lines;
  rebuildTrayMenu();
}

function rebuildTrayMenu() {
  if (!tray || tray.isDestroyed()) return;
  const dnd = core?.settings.get().doNotDisturb ?? null;
  const now = Date.now();
  if (dndEndTimer) clearTimeout(dndEndTimer);
  dndEndTimer = null;
  // Do not disturb ends by itself: the menu then says so again (timers cap at about 24.8 days).
  if (dnd?.until && dnd.until > now) dndEndTimer = setTimeout(rebuildTrayMenu, Math.min(dnd.until - now, 2 ** 31 - 1));
  tray.setContextMenu(
    Menu.buildFromTemplate(
      buildTrayMenuTemplate(
        trayLines,
        {
          open: () => void showWindow(),
          checkNow: () => {
            if (core) void checkAllAccounts(core, logger);
          },
          quit: () => app.quit(),
          setDoNotDisturb,
        },
        { doNotDisturb: doNotDisturbRemaining(dnd, { now }) },
      ),
    ),
  );
}

function setDoNotDisturb(choice: DoNotDisturbChoice | 'off') {
  if (!core) return;
  const doNotDisturb = choice === 'off' ? null : doNotDisturbFor(choice, { now: Date.now() });
  core.settings
    .update({ doNotDisturb })
    .catch((error: unknown) => logger.warn('Could not change do not disturb', { error }));
}

/** A notification button: archive or mark read through the core (the window need not exist). */
function runNotificationAction(
  readyCore: GlanceCore,
  target: PlannedNotification['target'],
  action: NotificationAction,
) {
  void notificationActionRunner({ core: readyCore, logger, sendToWindow: send })(target, action);
}

const notificationOutcomes = trackNotificationOutcomes({
  platform: process.platform,
  reapplyBadge: () => unreadCount.reapply(),
  logger,
});

function showNotification(
  planned: Pick<PlannedNotification, 'title' | 'body'> & Partial<PlannedNotification>,
  onClick: () => void,
  onAction?: (action: NotificationAction) => void,
) {
  if (!Notification.isSupported()) return;
  const windowsToast = process.platform === 'win32' && planned.target;
  const actions = planned.actions ?? [];
  const buttons = platformButtons(process.platform, actions);
  const notification = new Notification({
    title: planned.title,
    body: planned.body,
    silent: false,
    ...(buttons.length > 0 ? { actions: buttons } : {}),
    // Windows: the toast's launch argument names the message, for clicks from the Action Center.
    ...(windowsToast && planned.target ? { toastXml: toastXmlFor({ ...planned, target: planned.target }) } : {}),
  });
  liveNotifications.add(notification);
  notification.on('click', () => {
    liveNotifications.delete(notification);
    // Windows delivers every click to Notification.handleActivation too; open the message once.
    if (!windowsToast) onClick();
  });
  notification.on('action', (details, legacyIndex) => {
    liveNotifications.delete(notification);
    // Windows delivers button presses to Notification.handleActivation (with the action's arguments).
    if (windowsToast) return;
    const action = pressedAction(actions, details?.actionIndex ?? legacyIndex);
    if (action) onAction?.(action);
  });
  notification.on('close', () => liveNotifications.delete(notification));
  notification.on('show', () => notificationOutcomes.shown());
  notification.on('failed', (_event, error) => {
    liveNotifications.delete(notification);
    notificationOutcomes.failed(error);
  });
  notification.show();
}

/** macOS: the Dock badge needs notification permission, which macOS asks for with the first notification. */
async function askNotificationPermissionOnce(readyCore: GlanceCore) {
  const marker = join(app.getPath('userData'), 'notification-permission-asked');
  const alreadyAsked = await readFile(marker).then(
    () => true,
    () => false,
  );
  const notificationsEnabled = readyCore.settings.get().notifications;
  if (!shouldAskNotificationPermission({ platform: process.platform, notificationsEnabled, alreadyAsked })) return;
  await writeFile(marker, '').catch((error: unknown) =>
    logger.warn('Could not remember the notification prompt', { error }),
  );
  showNotification(permissionPrimer(), () => void showWindow());
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
/** How long quitting waits for the core to close (the store, the workers) and the window size to be written. */
const QUIT_WAIT_MS = 5_000;
let shutDown = false;
app.on('will-quit', (event) => {
  // A second Quit while the core is closing (it seemed stuck) waits for the same bounded close.
  if (disposed) {
    if (!shutDown) event.preventDefault();
    return;
  }
  if (!core) return;
  event.preventDefault();
  disposed = true;
  const closing = core;
  core = null;
  // Bounded: a close step that stalls (a keychain or disk that never answers) must not make Quit do nothing.
  let stalled: ReturnType<typeof setTimeout> | undefined;
  const givingUp = new Promise<void>((resolve) => {
    stalled = setTimeout(() => {
      logger.warn('Glance did not finish shutting down in time; quitting anyway');
      resolve();
    }, QUIT_WAIT_MS);
  });
  Promise.race([Promise.all([closing.dispose(), windowStateSaved]), givingUp])
    .catch((error: unknown) => logger.warn('Glance did not shut down cleanly', { error }))
    .finally(() => {
      clearTimeout(stalled);
      shutDown = true;
      app.quit();
    });
});

/* eslint-disable @typescript-eslint/no-require-imports */
// A fake of the Electron main-process API, as much as Glance's main process uses, for running the real
// bundled dist/main/main.cjs in plain Node. It records what the app does and answers the test's
// commands over the child-process IPC channel (process.send / 'message').
//
// Strict where the real Electron is strict (issue 16): the page's URL is reported the way Chromium
// canonicalises it, not as passed to loadURL; the page calls IPC as soon as it has loaded (as the
// renderer's boot does), so a missing handler is a boot error; notifications need a permission the
// person grants once (or never, on an unsigned macOS build); the login item belongs to the OS.
//
// Environment: FAKE_ELECTRON_APP_PATH (app.getAppPath()), FAKE_ELECTRON_PACKAGED=1 (app.isPackaged),
// FAKE_ELECTRON_SECOND_INSTANCE_AT_READY=1 (a second launch the moment the app is ready, before
// start-up has finished), FAKE_NOTIFICATION_PERMISSION (not-determined | granted | denied | unsigned),
// FAKE_LOGIN_ITEM (JSON of what app.getLoginItemSettings() answers at first), FAKE_ELECTRON_LANGUAGES (the
// system's languages, comma-separated, most preferred first; default en-US), FAKE_TOAST_ACTIVATION_AT_LAUNCH (the
// launch argument of a toast whose click started the app). Notification buttons
// (`actions`) are checked the way Electron types them.
const { EventEmitter } = require('node:events');
const path = require('node:path');

const record = {
  windowOptions: [],
  loadedUrls: [],
  sent: [],
  openedExternal: [],
  badgeCounts: [],
  trayTooltips: [],
  aboutPanel: null,
  appMenuLabels: [],
  notifications: [],
  errorBoxes: [],
  loginItem: [],
  sandboxEnabled: false,
  pageBoot: [],
  failedNotifications: 0,
  focusedApp: 0,
  overlays: [],
  appUserModelId: null,
  /** Requests sent with net.request on a session: its partition and URL without query. */
  sessionFetches: [],
};
let toastActivationHandler = null;
const handlers = new Map();
let headersListener = null;
let sendHeadersListener = null;
let beforeSendHeadersListener = null;
/** protocol.registerSchemesAsPrivileged (must come before ready) and protocol.handle (after). */
const privilegedSchemes = [];
const protocolHandlers = new Map();
let permissionRequestHandler = null;
let permissionCheckHandler = null;

/**
 * Chromium's canonical form of a file URL (url_canon): the Windows drive letter upper-cased, escapes in
 * upper-case hex, escaped ASCII letters, digits and -._~ decoded. Node's pathToFileURL does none of it.
 */
function chromiumCanonicalUrl(url) {
  if (!url.startsWith('file:')) return url;
  return url
    .replace(/^file:\/\/\/([a-z])(:|%3A)/i, (_m, drive) => `file:///${drive.toUpperCase()}:`)
    .replace(/%([0-9a-f]{2})/gi, (_m, hex) => {
      const c = String.fromCharCode(Number.parseInt(hex, 16));
      return /[A-Za-z0-9\-._~]/.test(c) ? c : `%${hex.toUpperCase()}`;
    });
}

/** The origin Chromium gives a page: a standard scheme keeps scheme://host, file:// and the rest are opaque. */
function originOf(url) {
  const scheme = url.slice(0, url.indexOf(':'));
  const standard = ['http', 'https', ...privilegedSchemes.filter((s) => s.privileges?.standard).map((s) => s.scheme)];
  if (!standard.includes(scheme)) return 'null';
  const match = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(url);
  return `${scheme}://${(match?.[1] ?? '').toLowerCase()}`;
}

/** Notification permission: asked with the first notification shown (macOS), then remembered. */
let notificationPermission = process.env.FAKE_NOTIFICATION_PERMISSION ?? 'not-determined';

/** The OS's login item; the person may have changed it in System Settings before this launch. */
const loginItemState = {
  openAtLogin: false,
  status: 'not-registered',
  executableWillLaunchAtLogin: false,
  ...JSON.parse(process.env.FAKE_LOGIN_ITEM ?? '{}'),
};

const app = new EventEmitter();
const paths = { userData: '/nonexistent', downloads: '/tmp' };
let ready = false;
if (process.resourcesPath === undefined) process.resourcesPath = process.env.FAKE_ELECTRON_APP_PATH;
let quitting = false;
Object.assign(app, {
  isPackaged: process.env.FAKE_ELECTRON_PACKAGED === '1',
  setPath: (name, value) => void (paths[name] = value),
  getPath: (name) => paths[name] ?? path.join(paths.userData, name),
  setAppLogsPath: (value) => void (paths.logs = value ?? path.join(paths.userData, 'logs')),
  getAppPath: () => process.env.FAKE_ELECTRON_APP_PATH,
  getVersion: () => '0.1.0',
  getPreferredSystemLanguages: () => (process.env.FAKE_ELECTRON_LANGUAGES ?? 'en-US').split(','),
  getName: () => 'Glance',
  setAppUserModelId: (id) => void (record.appUserModelId = id),
  setToastActivatorCLSID: () => {},
  focus: () => void record.focusedApp++,
  enableSandbox: () => {
    if (ready) throw new Error('app.enableSandbox() must be called before the app is ready');
    record.sandboxEnabled = true;
  },
  requestSingleInstanceLock: () => true,
  whenReady: () => readyPromise,
  isReady: () => ready,
  setAboutPanelOptions: (options) => void (record.aboutPanel = options),
  showAboutPanel: () => {},
  // macOS shows the Dock badge only with notification permission.
  setBadgeCount: (count) => {
    if (process.platform === 'darwin' && notificationPermission !== 'granted') return false;
    record.badgeCounts.push(count);
    return true;
  },
  getLoginItemSettings: () => ({ ...loginItemState }),
  setLoginItemSettings: (settings) => {
    record.loginItem.push(settings);
    const on = Boolean(settings.openAtLogin);
    loginItemState.openAtLogin = on;
    loginItemState.executableWillLaunchAtLogin = on;
    // macOS 13+: registering again while approval is pending asks the person again.
    loginItemState.status = on
      ? loginItemState.status === 'enabled'
        ? 'enabled'
        : 'requires-approval'
      : 'not-registered';
  },
  exit: (code) => process.exit(code),
  quit: () => {
    if (quitting) return;
    quitting = true;
    const before = { defaultPrevented: false, preventDefault() {} };
    app.emit('before-quit', before);
    for (const window of [...windows]) window.close();
    const willQuit = {
      defaultPrevented: false,
      preventDefault() {
        this.defaultPrevented = true;
      },
    };
    app.emit('will-quit', willQuit);
    if (willQuit.defaultPrevented) {
      quitting = false; // the app calls quit() again once it has cleaned up
      return;
    }
    process.send?.({ type: 'exited' });
    setImmediate(() => process.exit(0));
  },
});
let resolveReady;
const readyPromise = new Promise((resolve) => (resolveReady = resolve));
setImmediate(() => {
  ready = true;
  // A second launch (or a Dock click) the moment Electron is ready, long before start-up is done.
  if (process.env.FAKE_ELECTRON_SECOND_INSTANCE_AT_READY === '1') app.emit('second-instance', {}, [], process.cwd());
  resolveReady();
});

let nextContentsId = 1;
const windows = new Set();

class FakeWebContents extends EventEmitter {
  constructor() {
    super();
    this.id = nextContentsId++;
    this.mainFrame = { url: '', origin: 'null', parent: null, processId: 100 + this.id, routingId: 1 };
    this.session = defaultSession;
    this.loading = true;
    this.windowOpenHandler = null;
  }
  setWindowOpenHandler(handler) {
    this.windowOpenHandler = handler;
  }
  isLoading() {
    return this.loading;
  }
  getURL() {
    return this.mainFrame.url;
  }
  send(channel, payload) {
    record.sent.push({ channel, payload });
  }
  reload() {}
}

class BrowserWindow extends EventEmitter {
  constructor(options) {
    super();
    record.windowOptions.push(options);
    this.webContents = new FakeWebContents();
    this.destroyed = false;
    this.visible = false;
    this.bounds = { x: options.x ?? 100, y: options.y ?? 100, width: options.width, height: options.height };
    windows.add(this);
    app.emit('web-contents-created', {}, this.webContents);
  }
  async loadURL(url) {
    record.loadedUrls.push(url);
    // Chromium loads a custom scheme only through its handler; an unhandled scheme fails the load.
    const scheme = url.slice(0, url.indexOf(':'));
    if (!['http', 'https', 'file'].includes(scheme)) {
      const handler = protocolHandlers.get(scheme);
      if (!handler) throw new Error(`ERR_UNKNOWN_URL_SCHEME (${url})`);
      const response = await handler(new Request(url));
      if (!response.ok) throw new Error(`ERR_FAILED ${response.status} (${url})`);
    }
    this.webContents.mainFrame.url = chromiumCanonicalUrl(url);
    this.webContents.mainFrame.origin = originOf(url);
    // Chromium: the main frame's navigation commits (did-navigate, also for the first load), then the load ends.
    this.webContents.emit('did-navigate');
    this.webContents.loading = false;
    this.emit('ready-to-show');
    this.webContents.emit('did-finish-load');
    this.bootPage();
    process.send?.({ type: 'window-loaded', url });
  }
  /** The renderer's boot asks app:info first; Electron rejects an invoke with no handler registered. */
  bootPage() {
    const handler = handlers.get('app:info');
    const event = { senderFrame: { ...this.webContents.mainFrame }, sender: { id: this.webContents.id } };
    if (!handler) {
      record.pageBoot.push({ error: "Error invoking remote method 'app:info': No handler registered for 'app:info'" });
      return;
    }
    Promise.resolve(handler(event)).then(
      (result) => record.pageBoot.push(result),
      (error) => record.pageBoot.push({ error: String(error) }),
    );
  }
  show() {
    const wasVisible = this.visible;
    this.visible = true;
    if (!wasVisible) this.emit('show');
  }
  hide() {
    this.visible = false;
  }
  focus() {}
  restore() {}
  maximize() {}
  isMaximized() {
    return false;
  }
  isMinimized() {
    return false;
  }
  isVisible() {
    return this.visible;
  }
  isFocused() {
    return false;
  }
  isDestroyed() {
    return this.destroyed;
  }
  getNormalBounds() {
    return this.bounds;
  }
  setBackgroundColor() {}
  /** Windows drops an overlay set before the window's taskbar button exists (the window first shown). */
  setOverlayIcon(image, description) {
    if (this.visible) record.overlays.push(image ? description : '');
  }
  close() {
    const event = {
      defaultPrevented: false,
      preventDefault() {
        this.defaultPrevented = true;
      },
    };
    this.emit('close', event);
    if (event.defaultPrevented) return;
    this.destroyed = true;
    windows.delete(this);
    this.emit('closed');
    if (windows.size === 0) app.emit('window-all-closed');
  }
}

const defaultSession = {
  setPermissionRequestHandler: (handler) => void (permissionRequestHandler = handler),
  setPermissionCheckHandler: (handler) => void (permissionCheckHandler = handler),
  setDevicePermissionHandler: () => {},
  webRequest: {
    onHeadersReceived: (listener) => void (headersListener = listener),
    onSendHeaders: (filter, listener) => void (sendHeadersListener = { filter, listener }),
    onBeforeSendHeaders: (filter, listener) => void (beforeSendHeadersListener = { filter, listener }),
  },
};

/** A session of its own (session.fromPartition). Like Electron, only once ready. */
function fromPartition(partition) {
  if (!ready) throw new Error('Session can only be received when app is ready');
  return { partition, resolveProxy: async () => 'DIRECT' };
}

/**
 * net.request: a ClientRequest whose request goes out through Node's fetch, recorded with its session's
 * partition and its URL without query. Like Electron, it needs a session object (not a partition name here).
 */
function netRequest(options) {
  if (!ready) throw new Error('net.request can only be used after the app is ready');
  const request = new EventEmitter();
  const headers = {};
  const controller = new AbortController();
  request.setHeader = (name, value) => void (headers[name] = value);
  request.abort = () => controller.abort();
  request.end = (body) => {
    const url = new URL(options.url);
    record.sessionFetches.push({ partition: options.session?.partition ?? null, url: `${url.origin}${url.pathname}` });
    fetch(options.url, { method: options.method, headers, body, redirect: options.redirect, signal: controller.signal })
      .then(async (response) => {
        const { Readable } = require('node:stream');
        const message = Readable.from(response.body ? [Buffer.from(await response.arrayBuffer())] : []);
        Object.assign(message, {
          statusCode: response.status,
          statusMessage: response.statusText,
          headers: Object.fromEntries(response.headers),
        });
        request.emit('response', message);
      })
      .catch((error) => request.emit('error', new Error(`net::ERR_FAILED ${error.message}`)));
  };
  return request;
}

class Tray extends EventEmitter {
  setToolTip(text) {
    record.trayTooltips.push(text);
  }
  setTitle() {}
  setContextMenu(menu) {
    this.menu = menu;
  }
  isDestroyed() {
    return false;
  }
}

class Notification extends EventEmitter {
  static isSupported() {
    return true;
  }
  constructor(options) {
    super();
    // Electron's NotificationAction: only `button` (and `selection` on Windows) exist.
    for (const action of options.actions ?? []) {
      if (action.type !== 'button' && action.type !== 'selection')
        throw new Error(`Unknown action type ${action.type}`);
    }
    this.options = options;
  }
  show() {
    if (notificationPermission === 'not-determined') notificationPermission = 'granted'; // the person clicks Allow
    if (notificationPermission !== 'granted') {
      record.failedNotifications++;
      setImmediate(() => this.emit('failed', {}, 'Notifications are not allowed for this application'));
      return;
    }
    record.notifications.push(this.options);
    setImmediate(() => this.emit('show', {}));
  }
  /** Windows: every toast activation, including from the Action Center after the object is gone. */
  static handleActivation(handler) {
    toastActivationHandler = handler;
    // Glance started by a toast clicked after it quit: the activation is reported before the app is ready.
    const launch = process.env.FAKE_TOAST_ACTIVATION_AT_LAUNCH;
    if (launch) handler({ type: 'click', arguments: launch });
  }
}

const protocol = {
  registerSchemesAsPrivileged: (schemes) => {
    if (ready) throw new Error('protocol.registerSchemesAsPrivileged must be called before the app is ready');
    privilegedSchemes.push(...schemes);
  },
  handle: (scheme, handler) => {
    if (!ready) throw new Error('protocol.handle can only be used after the app is ready');
    if (protocolHandlers.has(scheme)) throw new Error(`The scheme ${scheme} is already handled`);
    protocolHandlers.set(scheme, handler);
  },
};

const electron = {
  app,
  protocol,
  BrowserWindow,
  Tray,
  Notification,
  session: { defaultSession, fromPartition },
  ipcMain: {
    handle: (channel, listener) => {
      if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      handlers.set(channel, listener);
    },
    removeHandler: (channel) => void handlers.delete(channel),
  },
  dialog: {
    showErrorBox: (title, content) => {
      record.errorBoxes.push({ title, content });
      process.send?.({ type: 'error-box', title, content });
    },
    showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
    showSaveDialog: async () => ({ canceled: true }),
  },
  Menu: {
    buildFromTemplate: (template) => ({ template }),
    setApplicationMenu: (menu) => void (record.appMenuLabels = menu.template.map((item) => item.label)),
  },
  nativeImage: { createFromPath: (file) => ({ file, isEmpty: () => false, setTemplateImage() {} }) },
  nativeTheme: Object.assign(new EventEmitter(), { shouldUseDarkColors: false }),
  net: { isOnline: () => true, request: netRequest },
  powerMonitor: new EventEmitter(),
  screen: {
    getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }],
    getPrimaryDisplay: () => ({ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }),
  },
  shell: { openExternal: async (url) => void record.openedExternal.push(url) },
};

function mainWindow() {
  return [...windows][0] ?? null;
}

/** The test's commands. */
process.on('message', async (command) => {
  const reply = (value) => process.send?.({ type: 'reply', id: command.id, value });
  try {
    switch (command.type) {
      case 'invoke': {
        const window = mainWindow();
        const contents = window.webContents;
        const frames = {
          main: { ...contents.mainFrame },
          sub: {
            url: contents.mainFrame.url,
            parent: contents.mainFrame,
            processId: contents.mainFrame.processId,
            routingId: 9,
          },
          foreign: { ...contents.mainFrame, url: 'https://evil.example.com/', origin: 'https://evil.example.com' },
          // A file:// page at the old app path, or any page that claims our URL with another origin.
          'file-page': { ...contents.mainFrame, url: 'file:///dist/renderer/index.html', origin: 'null' },
          'wrong-origin': { ...contents.mainFrame, origin: 'glance://evil' },
        };
        const event = { senderFrame: frames[command.frame ?? 'main'], sender: { id: contents.id } };
        const handler = handlers.get(command.channel);
        reply(handler ? await handler(event, ...command.args) : { missingHandler: command.channel });
        break;
      }
      case 'record':
        reply({
          ...record,
          handlers: [...handlers.keys()],
          privilegedSchemes,
          handledSchemes: [...protocolHandlers.keys()],
        });
        break;
      case 'fetch-scheme': {
        // A request the page (or a hostile frame) makes to a custom scheme, answered by the app's handler.
        const scheme = command.url.slice(0, command.url.indexOf(':'));
        const handler = protocolHandlers.get(scheme);
        if (!handler) {
          reply({ unhandledScheme: scheme });
          break;
        }
        const response = await handler(new Request(command.url, { method: command.method ?? 'GET' }));
        reply({
          status: response.status,
          headers: Object.fromEntries(response.headers),
          body: await response.text(),
        });
        break;
      }
      case 'headers': {
        const result = await new Promise((done) =>
          headersListener(
            { url: command.url, resourceType: command.resourceType, responseHeaders: command.responseHeaders ?? {} },
            done,
          ),
        );
        reply(result);
        break;
      }
      case 'before-send-headers': {
        const scheme = new URL(command.url).protocol.replace(':', '');
        const matches = beforeSendHeadersListener?.filter.urls.some((pattern) => pattern.startsWith(`${scheme}://`));
        const result = matches
          ? await new Promise((done) =>
              beforeSendHeadersListener.listener({ url: command.url, requestHeaders: command.requestHeaders }, done),
            )
          : { untouched: true };
        reply(result);
        break;
      }
      case 'send-headers': {
        // Electron calls the listener only for URLs its filter matches (http, https, ws, wss here).
        const scheme = new URL(command.url).protocol.replace(':', '');
        const matches = sendHeadersListener?.filter.urls.some((pattern) => pattern.startsWith(`${scheme}://`));
        if (matches) sendHeadersListener.listener({ url: command.url, resourceType: 'image' });
        reply({ listened: sendHeadersListener !== null });
        break;
      }
      case 'permission': {
        const granted = await new Promise((done) =>
          permissionRequestHandler(mainWindow().webContents, command.permission, done, {}),
        );
        reply({
          granted,
          checked: permissionCheckHandler(mainWindow().webContents, command.permission, 'glance://app', {}),
        });
        break;
      }
      case 'navigate': {
        let prevented = false;
        mainWindow().webContents.emit(command.event, {
          url: command.url,
          isMainFrame: command.isMainFrame ?? true,
          preventDefault: () => (prevented = true),
        });
        reply({ prevented });
        break;
      }
      case 'certificate-error': {
        let prevented = false;
        const trusted = [];
        const event = { preventDefault: () => (prevented = true) };
        app.emit(
          'certificate-error',
          event,
          mainWindow().webContents,
          command.url,
          'net::ERR_CERT_AUTHORITY_INVALID',
          {},
          (trust) => trusted.push(trust),
        );
        reply({ prevented, trusted, listeners: app.listenerCount('certificate-error') });
        break;
      }
      case 'window-open':
        reply(mainWindow().webContents.windowOpenHandler({ url: command.url }));
        break;
      case 'hide-window':
        mainWindow()?.hide();
        reply(null);
        break;
      case 'second-instance':
        app.emit('second-instance', {}, [], process.cwd());
        reply(null);
        break;
      case 'toast-activation':
        // A toast clicked in the Action Center: only its launch string arrives.
        if (!toastActivationHandler) reply({ noActivationHandler: true });
        else {
          toastActivationHandler({ type: 'click', arguments: command.launch });
          reply(null);
        }
        break;
      case 'window-visible':
        reply(mainWindow()?.isVisible() ?? false);
        break;
      case 'quit':
        reply(null);
        app.quit();
        break;
      default:
        reply({ unknownCommand: command.type });
    }
  } catch (error) {
    process.send?.({ type: 'reply', id: command.id, error: String(error?.stack ?? error) });
  }
});

module.exports = electron;

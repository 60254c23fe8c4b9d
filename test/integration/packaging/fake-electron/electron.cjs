/* eslint-disable @typescript-eslint/no-require-imports */
// A fake of the Electron main-process API, as much as Glance's main process uses, for running the real
// bundled dist/main/main.cjs in plain Node. It records what the app does and answers the test's
// commands over the child-process IPC channel (process.send / 'message').
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
};
const handlers = new Map();
let headersListener = null;
let permissionRequestHandler = null;
let permissionCheckHandler = null;

const app = new EventEmitter();
const paths = { userData: '/nonexistent', downloads: '/tmp' };
let ready = false;
let quitting = false;
Object.assign(app, {
  isPackaged: false,
  setPath: (name, value) => void (paths[name] = value),
  getPath: (name) => paths[name] ?? path.join(paths.userData, name),
  getAppPath: () => process.env.FAKE_ELECTRON_APP_PATH,
  getVersion: () => '0.1.0',
  getName: () => 'Glance',
  setAppUserModelId: () => {},
  enableSandbox: () => {
    if (ready) throw new Error('app.enableSandbox() must be called before the app is ready');
    record.sandboxEnabled = true;
  },
  requestSingleInstanceLock: () => true,
  whenReady: () => Promise.resolve(),
  isReady: () => ready,
  setAboutPanelOptions: (options) => void (record.aboutPanel = options),
  showAboutPanel: () => {},
  setBadgeCount: (count) => (record.badgeCounts.push(count), true),
  getLoginItemSettings: () => ({ openAtLogin: false }),
  setLoginItemSettings: (settings) => void record.loginItem.push(settings),
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
setImmediate(() => (ready = true));

let nextContentsId = 1;
const windows = new Set();

class FakeWebContents extends EventEmitter {
  constructor() {
    super();
    this.id = nextContentsId++;
    this.mainFrame = { url: '', parent: null, processId: 100 + this.id, routingId: 1 };
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
    this.webContents.mainFrame.url = url;
    this.webContents.loading = false;
    this.emit('ready-to-show');
    this.webContents.emit('did-finish-load');
    process.send?.({ type: 'window-loaded', url });
  }
  show() {
    this.visible = true;
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
  setOverlayIcon() {}
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
  webRequest: { onHeadersReceived: (listener) => void (headersListener = listener) },
};

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
    this.options = options;
  }
  show() {
    record.notifications.push(this.options);
  }
}

const electron = {
  app,
  BrowserWindow,
  Tray,
  Notification,
  session: { defaultSession },
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
  net: { isOnline: () => true },
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
          foreign: { ...contents.mainFrame, url: 'https://evil.example.com/' },
        };
        const event = { senderFrame: frames[command.frame ?? 'main'], sender: { id: contents.id } };
        const handler = handlers.get(command.channel);
        reply(handler ? await handler(event, ...command.args) : { missingHandler: command.channel });
        break;
      }
      case 'record':
        reply({ ...record, handlers: [...handlers.keys()] });
        break;
      case 'headers': {
        const result = await new Promise((done) =>
          headersListener({ url: command.url, resourceType: command.resourceType, responseHeaders: {} }, done),
        );
        reply(result);
        break;
      }
      case 'permission': {
        const granted = await new Promise((done) =>
          permissionRequestHandler(mainWindow().webContents, command.permission, done, {}),
        );
        reply({
          granted,
          checked: permissionCheckHandler(mainWindow().webContents, command.permission, 'file://', {}),
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

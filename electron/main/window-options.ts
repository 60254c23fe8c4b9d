/**
 * The BrowserWindow options: the security checklist's webPreferences, the theme's background colour
 * (so no white flash before the page paints in dark mode), and the remembered bounds.
 */
import type { BrowserWindowConstructorOptions } from 'electron';
import type { WindowBounds } from './window-state.js';

/** Page background per theme; matches the renderer's `--bg` so the first frame does not flash. */
export const BACKGROUND = { light: '#ffffff', dark: '#1c1c1e' } as const;

export const MIN_WIDTH = 720;
export const MIN_HEIGHT = 480;

export interface WindowOptionsInput {
  bounds: WindowBounds;
  preloadPath: string;
  darkMode: boolean;
  platform: NodeJS.Platform;
  /** PNG for the window/taskbar icon on Linux and Windows (macOS uses the bundle icon). */
  iconPath?: string;
}

export function buildWindowOptions(input: WindowOptionsInput): BrowserWindowConstructorOptions {
  const { bounds } = input;
  return {
    ...(bounds.x !== undefined && bounds.y !== undefined ? { x: bounds.x, y: bounds.y } : {}),
    width: bounds.width,
    height: bounds.height,
    minWidth: MIN_WIDTH,
    minHeight: MIN_HEIGHT,
    title: 'Glance',
    // Shown once the page has painted (ready-to-show), never as an empty frame.
    show: false,
    backgroundColor: input.darkMode ? BACKGROUND.dark : BACKGROUND.light,
    ...(input.platform === 'darwin' ? { titleBarStyle: 'default' as const } : {}),
    ...(input.iconPath && input.platform !== 'darwin' ? { icon: input.iconPath } : {}),
    webPreferences: {
      preload: input.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
    },
  };
}

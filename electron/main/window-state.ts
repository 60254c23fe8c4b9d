/**
 * Window size and position, remembered in `<dataDir>/window-state.json` and clamped to a display that
 * is still attached (a monitor unplugged since last time must not leave the window off-screen).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../core/storage/atomic-file.js';
import type { Logger } from '../core/logging.js';

export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowBounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export const DEFAULT_BOUNDS: WindowBounds = { width: 1100, height: 720, maximized: false };
export const WINDOW_STATE_FILE = 'window-state.json';

/** How much of the window must lie on a display for the saved position to be kept. */
const MIN_VISIBLE = { width: 120, height: 60 };

const storedState = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(100).max(100_000),
  height: z.number().int().min(100).max(100_000),
  maximized: z.boolean().default(false),
});

export async function loadWindowState(dataDir: string, logger: Logger): Promise<WindowBounds> {
  let text: string;
  try {
    text = await readFile(join(dataDir, WINDOW_STATE_FILE), 'utf8');
  } catch {
    return { ...DEFAULT_BOUNDS };
  }
  try {
    const parsed = storedState.parse(JSON.parse(text));
    return {
      width: parsed.width,
      height: parsed.height,
      maximized: parsed.maximized,
      ...(parsed.x !== undefined && parsed.y !== undefined ? { x: parsed.x, y: parsed.y } : {}),
    };
  } catch {
    logger.warn('window-state.json is unreadable; using the default window size');
    return { ...DEFAULT_BOUNDS };
  }
}

export async function saveWindowState(dataDir: string, bounds: WindowBounds): Promise<void> {
  await writeFileAtomic(join(dataDir, WINDOW_STATE_FILE), JSON.stringify(bounds), { mode: 0o644 });
}

function overlap(a: Rectangle, b: Rectangle): { width: number; height: number } {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return { width: Math.max(0, width), height: Math.max(0, height) };
}

/**
 * Fits saved bounds to the displays attached now (their work areas, which exclude dock and taskbar).
 * The size shrinks to fit the display; a position that no longer shows enough of the window on any
 * display is dropped, so the window opens centred on the primary display.
 */
export function clampToDisplays(
  bounds: WindowBounds,
  workAreas: readonly Rectangle[],
  primary: Rectangle,
): WindowBounds {
  const clamped: WindowBounds = { width: bounds.width, height: bounds.height, maximized: bounds.maximized };
  if (bounds.x === undefined || bounds.y === undefined) {
    clamped.width = Math.min(bounds.width, primary.width);
    clamped.height = Math.min(bounds.height, primary.height);
    return clamped;
  }
  const rect: Rectangle = { x: bounds.x, y: bounds.y, width: bounds.width, height: bounds.height };
  let best: Rectangle | null = null;
  let bestArea = 0;
  for (const area of workAreas) {
    const visible = overlap(rect, area);
    if (
      visible.width >= Math.min(MIN_VISIBLE.width, rect.width) &&
      visible.height >= Math.min(MIN_VISIBLE.height, rect.height)
    ) {
      const size = visible.width * visible.height;
      if (size > bestArea) {
        best = area;
        bestArea = size;
      }
    }
  }
  const display = best ?? primary;
  clamped.width = Math.min(bounds.width, display.width);
  clamped.height = Math.min(bounds.height, display.height);
  if (!best) return clamped; // no position: the window centres itself on the primary display
  // Pull the window fully inside the display it mostly sits on, so the title bar is reachable.
  clamped.x = Math.min(Math.max(bounds.x, display.x), display.x + display.width - clamped.width);
  clamped.y = Math.min(Math.max(bounds.y, display.y), display.y + display.height - clamped.height);
  return clamped;
}

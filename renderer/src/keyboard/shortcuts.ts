import { useEffect, useLayoutEffect, useRef } from 'react';
import { i18n } from '../i18n/i18n.js';

export type ShortcutCommand =
  | 'next'
  | 'previous'
  /** n / p: the next or previous message of the open conversation. */
  | 'nextInConversation'
  | 'previousInConversation'
  | 'open'
  | 'back'
  | 'archive'
  | 'markUnread'
  | 'star'
  | 'search'
  | 'refresh'
  | 'help'
  | 'escape'
  /** z: undo the last archive (the Undo in its note). */
  | 'undo'
  /** Ctrl/⌘+K: the command palette, which lists every action (also while typing). */
  | 'palette'
  /** g then u: the unified view of every account. */
  | 'goUnified'
  /** g then 1–9: the account at that place in the switcher (the key says which). */
  | 'goAccount';

/** How long after g the second key of a "go to" pair counts. */
export const GO_PREFIX_MS = 1500;

/**
 * The registry of keyboard actions: the shortcuts dialog lists them all, the command palette offers each one
 * by name (g 1–9 there becomes one entry per account; Esc is not an action). Each description is read from
 * the `keyboard` catalogue when it is used, so it follows the window's language.
 */
const SHORTCUT_KEYS: ReadonlyArray<{ command: ShortcutCommand; keys: string[] }> = [
  { command: 'next', keys: ['j'] },
  { command: 'previous', keys: ['k'] },
  { command: 'nextInConversation', keys: ['n'] },
  { command: 'previousInConversation', keys: ['p'] },
  { command: 'open', keys: ['o', 'Enter'] },
  { command: 'back', keys: ['u'] },
  { command: 'archive', keys: ['e'] },
  { command: 'undo', keys: ['z'] },
  { command: 'markUnread', keys: ['Shift+U'] },
  { command: 'star', keys: ['s'] },
  { command: 'search', keys: ['/'] },
  { command: 'refresh', keys: ['r'] },
  { command: 'goUnified', keys: ['g', 'u'] },
  { command: 'goAccount', keys: ['g', '1–9'] },
  { command: 'palette', keys: ['Ctrl+K', '⌘K'] },
  { command: 'help', keys: ['?'] },
  { command: 'escape', keys: ['Esc'] },
];

/** What a shortcut does, in the window's language. */
export function shortcutDescription(command: ShortcutCommand): string {
  return i18n.t(`keyboard:shortcuts.${command}`);
}

const KEY_NAMES = { Enter: 'enter', Shift: 'shift', Ctrl: 'ctrl', Esc: 'esc' } as const;

/**
 * A key as its cap is labelled in the window's language (`Ctrl+K` is `Strg+K` in German); letters, digits and
 * symbols (`j`, `1–9`, `⌘K`, `?`) are the same everywhere.
 */
export function keyCapLabel(key: string): string {
  return key
    .split('+')
    .map((part) =>
      part in KEY_NAMES ? i18n.t(`keyboard:keyNames.${KEY_NAMES[part as keyof typeof KEY_NAMES]}`) : part,
    )
    .join('+');
}

export const SHORTCUT_HELP: ReadonlyArray<{ command: ShortcutCommand; keys: string[]; readonly description: string }> =
  SHORTCUT_KEYS.map(({ command, keys }) => ({
    command,
    keys,
    get description() {
      return shortcutDescription(command);
    },
  }));

interface KeyLike {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  target: EventTarget | null;
}

function isTyping(target: EventTarget | null): boolean {
  if (!target || typeof (target as HTMLElement).tagName !== 'string') return false;
  const element = target as HTMLElement;
  const tag = element.tagName.toLowerCase();
  if (tag === 'textarea' || tag === 'select' || element.isContentEditable) return true;
  if (tag !== 'input') return false;
  const type = (element as HTMLInputElement).type;
  return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(type);
}

/**
 * Which command a key press means; null when it is not a shortcut (or the person is typing). `afterG` says the
 * previous key was a lone g, which makes this key the second of a "go to" pair.
 */
export function commandForKey(event: KeyLike, afterG = false): ShortcutCommand | null {
  // Ctrl/⌘+K works while typing too: it is how to find an action without knowing its key.
  if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'k')
    return 'palette';
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  if (event.key === 'Escape') return 'escape';
  if (isTyping(event.target)) return null;
  if (afterG) {
    if (event.key === 'u') return 'goUnified';
    if (/^[1-9]$/.test(event.key)) return 'goAccount';
  }
  const target = event.target as HTMLElement | null;
  // Enter on a button or link is that control's own activation.
  if (
    event.key === 'Enter' &&
    target &&
    typeof target.tagName === 'string' &&
    ['button', 'a'].includes(target.tagName.toLowerCase())
  )
    return null;
  switch (event.key) {
    case 'j':
    case 'ArrowDown':
      return 'next';
    case 'k':
    case 'ArrowUp':
      return 'previous';
    case 'n':
      return 'nextInConversation';
    case 'p':
      return 'previousInConversation';
    case 'o':
    case 'Enter':
      return 'open';
    case 'u':
      return 'back';
    case 'U':
      return event.shiftKey ? 'markUnread' : null;
    case 'e':
      return 'archive';
    case 's':
      return 'star';
    case 'z':
      return 'undo';
    case '/':
      return 'search';
    case 'r':
      return 'refresh';
    case '?':
      return 'help';
    default:
      return null;
  }
}

/** Listens for shortcuts on the window; the handler always sees the latest render's state. */
export function useShortcuts(handler: (command: ShortcutCommand, event: KeyboardEvent) => void, enabled = true): void {
  const latest = useRef(handler);
  // Before paint, not after: a key pressed the moment new rows show must act on those rows.
  useLayoutEffect(() => {
    latest.current = handler;
  });
  useEffect(() => {
    if (!enabled) return;
    let gPressedAt = -Infinity;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      const afterG = performance.now() - gPressedAt < GO_PREFIX_MS;
      gPressedAt = -Infinity;
      if (
        !afterG &&
        event.key === 'g' &&
        !event.ctrlKey &&
        !event.metaKey &&
        !event.altKey &&
        !isTyping(event.target)
      ) {
        gPressedAt = performance.now();
        return;
      }
      const command = commandForKey(event, afterG);
      if (command === null) return;
      latest.current(command, event);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [enabled]);
}

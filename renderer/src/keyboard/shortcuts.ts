import { useEffect, useLayoutEffect, useRef } from 'react';

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
  /** g then u: the unified view of every account. */
  | 'goUnified'
  /** g then 1–9: the account at that place in the switcher (the key says which). */
  | 'goAccount';

/** How long after g the second key of a "go to" pair counts. */
export const GO_PREFIX_MS = 1500;

export const SHORTCUT_HELP: ReadonlyArray<{ keys: string[]; description: string }> = [
  { keys: ['j'], description: 'Next conversation (or message)' },
  { keys: ['k'], description: 'Previous conversation (or message)' },
  { keys: ['n'], description: 'Next message in the open conversation' },
  { keys: ['p'], description: 'Previous message in the open conversation' },
  { keys: ['o', 'Enter'], description: 'Open conversation (or message)' },
  { keys: ['u'], description: 'Back to the list' },
  { keys: ['e'], description: 'Archive' },
  { keys: ['Shift+U'], description: 'Mark unread' },
  { keys: ['s'], description: 'Star or unstar' },
  { keys: ['/'], description: 'Search' },
  { keys: ['r'], description: 'Check for new mail' },
  { keys: ['g', 'u'], description: 'Go to Unified (every account)' },
  { keys: ['g', '1–9'], description: 'Go to account 1–9 (as listed in the account menu)' },
  { keys: ['?'], description: 'Show these shortcuts' },
  { keys: ['Esc'], description: 'Close, clear search' },
];

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

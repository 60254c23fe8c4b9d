import type { RefObject } from 'react';
import { useShortcuts } from '../keyboard/shortcuts.js';
import type { ShortcutCommand } from '../keyboard/shortcuts.js';

/** `R` is what a row is: a message (MessageRef) or, in conversation mode, a conversation (ConversationRef). */
interface InboxKeys<R> {
  /** Something covers the inbox (Settings): no key acts on it. */
  paused: boolean;
  helpOpen: boolean;
  /** The command palette is open: it handles its own keys. */
  paletteOpen: boolean;
  openPalette: () => void;
  closePalette: () => void;
  /** z: the newest toast's Undo. */
  undo: () => void;
  closeHelp: () => void;
  openHelp: () => void;
  selected: R | null;
  open: R | null;
  move: (step: 1 | -1) => void;
  /** n / p: within the open conversation; absent when no conversation is open. */
  stepInConversation?: (step: 1 | -1) => void;
  openMessage: (ref: R) => void;
  closeReader: () => void;
  archive: (ref: R) => void;
  markUnread: (ref: R) => void;
  toggleStar: (ref: R) => void;
  refresh: () => void;
  searchRef: RefObject<HTMLInputElement | null>;
  hasSearchText: boolean;
  clearSearch: () => void;
  showUnified: () => void;
  /** The account at this place (0-based) in the switcher. */
  showAccountAt: (index: number) => void;
}

/** What a command needs of the key press that asked for it (the palette runs commands without one). */
interface CommandEvent {
  key: string;
  preventDefault(): void;
}

/**
 * The inbox's keyboard: Gmail's keys (j/k between rows, n/p within a conversation), plus g u / g 1–9 to change the account shown. Returns the function that
 * runs a command as if its key had been pressed (the command palette's way in).
 */
export function useInboxShortcuts<R>(keys: InboxKeys<R>): (command: ShortcutCommand, key?: string) => void {
  const perform = (command: ShortcutCommand, event: CommandEvent) => {
    if (keys.paletteOpen) {
      if (command === 'palette') {
        event.preventDefault();
        keys.closePalette();
      }
      return;
    }
    if (keys.helpOpen) {
      if (command === 'escape' || command === 'help') {
        event.preventDefault();
        keys.closeHelp();
      }
      return;
    }
    act(command, event);
  };
  /** The command itself, with nothing open over the inbox. */
  const act = (command: ShortcutCommand, event: CommandEvent) => {
    const current = keys.open ?? keys.selected;
    switch (command) {
      case 'next':
        event.preventDefault();
        keys.move(1);
        break;
      case 'previous':
        event.preventDefault();
        keys.move(-1);
        break;
      case 'nextInConversation':
      case 'previousInConversation':
        if (keys.stepInConversation) {
          event.preventDefault();
          keys.stepInConversation(command === 'nextInConversation' ? 1 : -1);
        }
        break;
      case 'open':
        if (keys.selected) {
          event.preventDefault();
          keys.openMessage(keys.selected);
        }
        break;
      case 'back':
        keys.closeReader();
        break;
      case 'archive':
        if (current) keys.archive(current);
        break;
      case 'markUnread':
        if (current) keys.markUnread(current);
        break;
      case 'star':
        if (current) keys.toggleStar(current);
        break;
      case 'search':
        event.preventDefault();
        keys.searchRef.current?.focus();
        keys.searchRef.current?.select();
        break;
      case 'refresh':
        keys.refresh();
        break;
      case 'undo':
        keys.undo();
        break;
      case 'palette':
        event.preventDefault();
        keys.openPalette();
        break;
      case 'help':
        keys.openHelp();
        break;
      case 'escape':
        if (document.activeElement === keys.searchRef.current) {
          if (keys.hasSearchText) keys.clearSearch();
          keys.searchRef.current?.blur();
        } else if (keys.open) {
          keys.closeReader();
        }
        break;
      case 'goUnified':
        keys.showUnified();
        break;
      case 'goAccount':
        keys.showAccountAt(Number(event.key) - 1);
        break;
      default: {
        const unreachable: never = command;
        return unreachable;
      }
    }
  };
  useShortcuts(perform, !keys.paused);
  // The palette runs its choice as it closes (its `paletteOpen` is still true in this render).
  return (command, key = '') => act(command, { key, preventDefault: () => undefined });
}

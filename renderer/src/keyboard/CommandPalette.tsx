import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { keyCapLabel } from './shortcuts.js';

export interface PaletteAction {
  id: string;
  label: string;
  /** The keys that do the same from anywhere (shown next to the name). */
  keys: readonly string[];
  run: () => void;
}

/** Case- and accent-blind "every word typed appears in the name" match. */
function matches(label: string, query: string): boolean {
  const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  const name = fold(label);
  return fold(query)
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => name.includes(word));
}

/**
 * Ctrl/⌘+K: every action by name, with its shortcut, for people who don't know (or can't press) the keys.
 * A combobox: typing filters, ↑/↓ move, Enter runs, Esc closes; focus returns where it was unless the
 * action moved it (Search).
 */
export function CommandPalette({ actions, onClose }: { actions: readonly PaletteAction[]; onClose: () => void }) {
  const { t } = useTranslation('keyboard');
  const [query, setQuery] = useState('');
  const [activeIndex, setActiveIndex] = useState(0);
  const inputRef = useRef<HTMLInputElement>(null);
  const listId = useId();
  const shown = useMemo(() => actions.filter((action) => matches(action.label, query)), [actions, query]);
  const active = shown[Math.min(activeIndex, shown.length - 1)] ?? null;

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    inputRef.current?.focus();
    return () => {
      // The action may have put focus somewhere on purpose (Search); otherwise go back.
      const now = document.activeElement;
      if ((now === null || now === document.body) && previous?.isConnected) previous.focus();
    };
  }, []);

  const choose = (action: PaletteAction) => {
    onClose();
    action.run();
  };

  return (
    <div className="dialog-backdrop" onClick={onClose}>
      <div
        className="dialog palette"
        role="dialog"
        aria-modal="true"
        aria-label={t('palette.label')}
        data-testid="command-palette"
        onClick={(event) => event.stopPropagation()}
      >
        <input
          ref={inputRef}
          className="palette-input"
          role="combobox"
          aria-expanded="true"
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={active ? `${listId}-${active.id}` : undefined}
          aria-label={t('palette.input')}
          placeholder={t('palette.placeholder')}
          value={query}
          spellCheck={false}
          autoComplete="off"
          onChange={(event) => {
            setQuery(event.target.value);
            setActiveIndex(0);
          }}
          onKeyDown={(event) => {
            // Handled here: the app's own shortcuts must not also act on these keys.
            if (event.key === 'Escape') {
              event.preventDefault();
              onClose();
            } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
              event.preventDefault();
              const step = event.key === 'ArrowDown' ? 1 : -1;
              if (shown.length > 0) setActiveIndex((index) => (index + step + shown.length) % shown.length);
            } else if (event.key === 'Enter') {
              event.preventDefault();
              if (active) choose(active);
            } else if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') {
              event.preventDefault();
              onClose();
            }
          }}
        />
        <ul className="palette-list" role="listbox" id={listId} aria-label={t('palette.list')}>
          {shown.map((action) => (
            <li
              key={action.id}
              id={`${listId}-${action.id}`}
              role="option"
              aria-selected={action === active}
              data-action-id={action.id}
              className="palette-option"
              onClick={() => choose(action)}
            >
              <span className="palette-label">{action.label}</span>
              {action.keys.length > 0 ? (
                <span className="palette-keys">
                  {action.keys.map((key, index) => (
                    <kbd key={index}>{keyCapLabel(key)}</kbd>
                  ))}
                </span>
              ) : null}
            </li>
          ))}
        </ul>
        {shown.length === 0 ? (
          <p className="palette-empty" role="status">
            {t('palette.noMatch', { query })}
          </p>
        ) : null}
      </div>
    </div>
  );
}

import { DialogFrame } from '../shared/DialogFrame.js';
import { SHORTCUT_HELP } from './shortcuts.js';

export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  return (
    <DialogFrame titleId="shortcuts-title" title="Keyboard shortcuts" onClose={onClose}>
      <dl className="shortcut-list">
        {SHORTCUT_HELP.map((entry) => (
          <div key={entry.description}>
            <dt>
              {entry.keys.map((key, index) => (
                <kbd key={index}>{key}</kbd>
              ))}
            </dt>
            <dd>{entry.description}</dd>
          </div>
        ))}
      </dl>
    </DialogFrame>
  );
}

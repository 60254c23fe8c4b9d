import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { attachmentName, type AttachmentName } from '../../../electron/shared/attachment-names.js';
import type { IpcError } from '../../../electron/shared/ipc-contract.js';
import { fileSize } from '../shared/format.js';
import type { ParsedAttachment } from './parse.js';

/**
 * The message's attachments (inline images aside), each saved through the system's save dialog. Names are
 * the sender's words: shown without invisible characters, with the real extension always in view, and a
 * program or script is named as one and asks before it is saved.
 */
export function AttachmentList({
  accountId,
  messageId,
  attachments,
  onNotice,
  onError,
}: {
  accountId: string;
  messageId: string;
  attachments: ParsedAttachment[];
  onNotice: (text: string) => void;
  onError: (error: IpcError) => void;
}) {
  const { t } = useTranslation('reader');
  const [saving, setSaving] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const save = async (attachment: ParsedAttachment, name: AttachmentName, key: string) => {
    setConfirming(null);
    setSaving(key);
    try {
      // Only which part: the main process reads the message itself and names the file with its own safe name.
      const result = await window.glance.attachment.save(accountId, messageId, attachment.index);
      if (!result.ok) {
        if (result.error.code !== 'CANCELLED') onError(result.error);
      } else if (result.value !== null) {
        onNotice(t('attachments.saved', { name: name.fileName }));
      }
    } finally {
      setSaving(null);
    }
  };
  return (
    <ul className="attachments" aria-label={t('attachments.label')}>
      {attachments.map((attachment, index) => {
        const key = `${index}-${attachment.filename}`;
        const name = attachmentName(attachment.filename);
        const { stem, dotExtension } = splitExtension(name);
        return (
          <li key={key} className={name.risky ? 'attachment risky' : 'attachment'} data-extension={name.extension}>
            <span className="attachment-icon" aria-hidden="true">
              {name.extension === '' ? t('attachments.genericFile') : name.extension.toUpperCase().slice(0, 5)}
            </span>
            <span className="attachment-text">
              <span className="attachment-name" title={name.displayName}>
                <span className="attachment-stem">{stem}</span>
                <span className="attachment-extension">{dotExtension}</span>
              </span>
              <span className="attachment-meta">
                {name.risky ? <strong className="attachment-warning">{t('attachments.risky')} · </strong> : null}
                {attachment.mimeType} · {fileSize(attachment.size)}
              </span>
              {confirming === key ? (
                <span className="attachment-confirm" role="alert">
                  <span>{t('attachments.riskyConfirm', { name: name.fileName, extension: name.extension })}</span>
                  <span className="button-row">
                    <button type="button" className="button small" onClick={() => setConfirming(null)}>
                      {t('attachments.cancel')}
                    </button>
                    <button
                      type="button"
                      className="button small"
                      onClick={() => void save(attachment, name, key)}
                      aria-label={t('attachments.saveAnywayLabel', { name: name.fileName })}
                    >
                      {t('attachments.saveAnyway')}
                    </button>
                  </span>
                </span>
              ) : null}
            </span>
            <button
              type="button"
              className="button small"
              disabled={saving === key}
              onClick={() => (name.risky ? setConfirming(key) : void save(attachment, name, key))}
              aria-label={t('attachments.saveLabel', { name: name.fileName })}
            >
              {t(saving === key ? 'attachments.saving' : 'attachments.save')}
            </button>
          </li>
        );
      })}
    </ul>
  );
}

/** The shown name in two parts, so a long name is cut in its middle and the extension stays visible. */
function splitExtension(name: AttachmentName): { stem: string; dotExtension: string } {
  const suffix = name.extension === '' ? '' : `.${name.extension}`;
  const shown = name.displayName;
  if (suffix !== '' && shown.toLowerCase().endsWith(suffix)) {
    return {
      stem: shown.slice(0, shown.length - suffix.length),
      dotExtension: shown.slice(shown.length - suffix.length),
    };
  }
  // The shown name ends differently from the saved one (trailing dots, spaces): show the saved extension.
  return { stem: shown, dotExtension: suffix === '' ? '' : ` (${suffix})` };
}

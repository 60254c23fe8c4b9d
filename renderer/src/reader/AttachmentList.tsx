import { useState } from 'react';
import type { IpcError } from '../../../electron/shared/ipc-contract.js';
import { fileSize } from '../shared/format.js';
import type { ParsedAttachment } from './parse.js';

/** The message's attachments (inline images aside), each saved through the system's save dialog. */
export function AttachmentList({
  attachments,
  onNotice,
  onError,
}: {
  attachments: ParsedAttachment[];
  onNotice: (text: string) => void;
  onError: (error: IpcError) => void;
}) {
  const [saving, setSaving] = useState<string | null>(null);
  const save = async (attachment: ParsedAttachment, key: string) => {
    if (attachment.contentBase64.length > MAX_SAVE_BASE64) {
      onNotice(`${attachment.filename} is too large to save from Glance — use Open in Gmail to download it.`);
      return;
    }
    setSaving(key);
    try {
      const result = await window.glance.attachment.save({
        filename: attachment.filename,
        mimeType: attachment.mimeType,
        contentBase64: attachment.contentBase64,
      });
      if (!result.ok) {
        if (result.error.code !== 'CANCELLED') onError(result.error);
      } else if (result.value !== null) {
        onNotice(`Saved ${attachment.filename}`);
      }
    } finally {
      setSaving(null);
    }
  };
  return (
    <ul className="attachments" aria-label="Attachments">
      {attachments.map((attachment, index) => {
        const key = `${index}-${attachment.filename}`;
        return (
          <li key={key} className="attachment">
            <span className="attachment-icon" aria-hidden="true">
              {extensionOf(attachment.filename)}
            </span>
            <span className="attachment-text">
              <span className="attachment-name" title={attachment.filename}>
                {attachment.filename}
              </span>
              <span className="attachment-meta">
                {attachment.mimeType} · {fileSize(attachment.size)}
              </span>
            </span>
            <button
              type="button"
              className="button small"
              disabled={saving === key}
              onClick={() => void save(attachment, key)}
              aria-label={`Save ${attachment.filename}`}
            >
              {saving === key ? 'Saving…' : 'Save…'}
            </button>
          </li>
        );
      })}
    </ul>
  );
}

/** The contract's limit for `attachment:save` (base64 characters). */
const MAX_SAVE_BASE64 = 64 * 1024 * 1024;

function extensionOf(filename: string): string {
  const match = filename.match(/\.([a-z0-9]{1,4})$/i);
  return match?.[1] ? match[1].toUpperCase() : 'FILE';
}

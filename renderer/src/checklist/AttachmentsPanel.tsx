import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttachmentEvidence } from '../../../shared/schemas/finding';
import { useServices } from '../app/services';
import { useAttachmentsOf } from '../db/read-hooks';
import type { ReadModels } from '../db/read-models';
import { sha256Hex } from './sha256';
import { makeThumbnail } from './thumbnail';
import { useRemoveWithUndo } from '../undo/use-remove-with-undo';

/** 25 MiB per file: a phone photo or a scanned report fits; a video does not belong here. */
export const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;
const ACCEPT = 'image/*,.pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp,.rtf,.txt,.csv';

interface Props {
  missionId: string;
  findingId: string;
  /** Saves the finding first if it does not exist yet, and returns its id. */
  ensureFinding: () => Promise<string>;
  /** The finding form this panel is in, so Ctrl+Z there undoes a removed attachment. */
  undoScope?: string;
}

export function AttachmentsPanel({ missionId, findingId, ensureFinding, undoScope }: Props) {
  const { t, i18n } = useTranslation();
  const { repository } = useServices();
  const inputId = useId();
  const [messages, setMessages] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const attachments = useAttachmentsOf(findingId);
  // The record goes, its bytes stay: an undo shows the same file again.
  const removeWithUndo = useRemoveWithUndo();

  const onFiles = async (files: readonly File[]): Promise<void> => {
    if (files.length === 0) return;
    setBusy(true);
    const problems: string[] = [];
    try {
      const id = await ensureFinding();
      for (const file of files) {
        if (file.size > MAX_ATTACHMENT_BYTES) {
          problems.push(t('finding.attachments.tooLarge', { file: file.name, size: megabytes(file.size, i18n.language), limit: megabytes(MAX_ATTACHMENT_BYTES, i18n.language) }));
          continue;
        }
        const bytes = new Uint8Array(await file.arrayBuffer());
        const sha256 = await sha256Hex(bytes);
        const blob = new Blob([bytes], { type: file.type });
        const thumbnail = await makeThumbnail(blob);
        await repository.addAttachment(
          {
            id: crypto.randomUUID(),
            missionId,
            findingId: id,
            kind: 'attachment',
            fileName: file.name.slice(0, 255) || 'attachment',
            mediaType: file.type || 'application/octet-stream',
            size: file.size,
            sha256,
            caption: '',
          },
          blob,
          thumbnail,
        );
      }
    } catch (error) {
      problems.push(t('finding.attachments.failed', { message: error instanceof Error ? error.message : String(error) }));
    } finally {
      setBusy(false);
      setMessages(problems);
    }
  };

  return (
    <fieldset className="attachments">
      <legend>{t('finding.attachments.title')}</legend>
      <ul className="attachment-list">
        {(attachments ?? []).map((attachment) => (
          <AttachmentItem
            key={attachment.id}
            attachment={attachment}
            onRemove={() => void removeWithUndo('evidence', attachment.id, t('undo.removed.attachment', { file: attachment.fileName }), undoScope ?? null)}
          />
        ))}
      </ul>
      <input
        id={inputId}
        className="visually-hidden-file"
        type="file"
        multiple
        accept={ACCEPT}
        disabled={busy}
        data-testid="attachment-input"
        onChange={(event) => {
          // Copy first: the FileList is live and emptied by resetting the input, which lets the
          // same file be chosen again later.
          const chosen = Array.from(event.target.files ?? []);
          event.target.value = '';
          void onFiles(chosen);
        }}
      />
      <label htmlFor={inputId} className="button small file-button">
        {busy ? t('finding.attachments.adding') : t('finding.attachments.add')}
      </label>
      <p className="hint">{t('finding.attachments.hint', { limit: megabytes(MAX_ATTACHMENT_BYTES, i18n.language) })}</p>
      {messages.map((message) => (
        <p key={message} className="error" role="alert">
          {message}
        </p>
      ))}
    </fieldset>
  );
}

function AttachmentItem({ attachment, onRemove }: { attachment: AttachmentEvidence; onRemove: () => void }) {
  const { t, i18n } = useTranslation();
  const { reads } = useServices();
  const url = useObjectUrl(reads, attachment.sha256, 'blob');
  const thumbnailUrl = useObjectUrl(reads, attachment.sha256, 'thumbnail');
  const isImage = attachment.mediaType.startsWith('image/');
  const preview = thumbnailUrl ?? (isImage ? url : null);
  return (
    <li className="attachment" data-testid="attachment">
      {preview ? <img src={preview} alt={attachment.fileName} className="thumbnail" /> : <span className="file-icon" aria-hidden="true">📄</span>}
      <span className="attachment-name">
        {url ? (
          <a href={url} download={attachment.fileName}>
            {attachment.fileName}
          </a>
        ) : (
          attachment.fileName
        )}
        <span className="muted small"> · {megabytes(attachment.size, i18n.language)}</span>
      </span>
      <button type="button" className="button small" onClick={onRemove}>
        {t('finding.attachments.remove', { file: attachment.fileName })}
      </button>
    </li>
  );
}

/** An object URL for stored bytes (or their thumbnail), revoked when the item goes away. */
function useObjectUrl(reads: ReadModels, sha256: string, part: 'blob' | 'thumbnail'): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let created: string | null = null;
    let cancelled = false;
    void reads.attachmentBytes(sha256, part).then((bytes) => {
      if (cancelled || !bytes) return;
      created = URL.createObjectURL(bytes);
      setUrl(created);
    });
    return () => {
      cancelled = true;
      if (created) URL.revokeObjectURL(created);
    };
  }, [reads, sha256, part]);
  return url;
}

function megabytes(bytes: number, language: string): string {
  return `${new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format(bytes / (1024 * 1024))} MB`;
}

import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttachmentEvidence } from '../../../shared/schemas/finding';
import { useServices } from '../app/services';
import { useAttachmentsOf } from '../db/read-hooks';
import type { ReadModels } from '../db/read-models';
import { formatFileSize } from '../files/file-size';
import { AttachmentViewer, isPhoto, isViewable } from './AttachmentViewer';
import { FileTypeIcon } from './FileTypeIcon';
import { sha256Hex } from './sha256';
import { makeThumbnail } from './thumbnail';
import { useRemoveWithUndo } from '../undo/use-remove-with-undo';

/**
 * 25 MB per file: a phone photo or a scanned report fits; a video does not belong here. Counted
 * in the decimal units the app shows sizes in, so the hint reads a round "25 MB".
 */
export const MAX_ATTACHMENT_BYTES = 25 * 1000 * 1000;
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
  // The open file's id, not its index: the list can change under the viewer (a sync, a removal).
  const [viewing, setViewing] = useState<string | null>(null);
  const photos = (attachments ?? []).filter(isPhoto);
  const viewed = (attachments ?? []).find((attachment) => attachment.id === viewing);
  // Photos step through the record's other photos; a PDF is shown on its own.
  const viewerItems = viewed ? (isPhoto(viewed) ? photos : [viewed]) : [];
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
          problems.push(t('finding.attachments.tooLarge', { file: file.name, size: formatFileSize(file.size, i18n.language), limit: formatFileSize(MAX_ATTACHMENT_BYTES, i18n.language) }));
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
            onOpen={() => setViewing(attachment.id)}
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
      <p className="hint">{t('finding.attachments.hint', { limit: formatFileSize(MAX_ATTACHMENT_BYTES, i18n.language) })}</p>
      {messages.map((message) => (
        <p key={message} className="error" role="alert">
          {message}
        </p>
      ))}
      {viewed ? <AttachmentViewer key={viewed.id} items={viewerItems} startIndex={viewerItems.indexOf(viewed)} onClose={() => setViewing(null)} /> : null}
    </fieldset>
  );
}

function AttachmentItem({ attachment, onOpen, onRemove }: { attachment: AttachmentEvidence; onOpen: () => void; onRemove: () => void }) {
  const { t, i18n } = useTranslation();
  const { reads } = useServices();
  const viewable = isViewable(attachment);
  // Viewable files are read only when opened; the rest keep their download link.
  const url = useObjectUrl(reads, attachment.sha256, 'blob', !viewable || isPhoto(attachment));
  const thumbnailUrl = useObjectUrl(reads, attachment.sha256, 'thumbnail', true);
  const preview = thumbnailUrl ?? (isPhoto(attachment) ? url : null);
  const picture = preview ? <img src={preview} alt={attachment.fileName} className="thumbnail" /> : <FileTypeIcon mediaType={attachment.mediaType} fileName={attachment.fileName} />;
  const size = <span className="muted small"> · {formatFileSize(attachment.size, i18n.language)}</span>;
  return (
    <li className="attachment" data-testid="attachment">
      {viewable ? (
        <button type="button" className="attachment-main attachment-open" onClick={onOpen} aria-label={t('finding.attachments.open', { file: attachment.fileName })}>
          {picture}
          <span className="attachment-name">
            <span className="link-text">{attachment.fileName}</span>
            {size}
          </span>
        </button>
      ) : (
        <span className="attachment-main">
          {picture}
          <span className="attachment-name">
            {url ? (
              <a href={url} download={attachment.fileName}>
                {attachment.fileName}
              </a>
            ) : (
              attachment.fileName
            )}
            {size}
          </span>
        </span>
      )}
      <button type="button" className="button small" onClick={onRemove}>
        {t('finding.attachments.remove', { file: attachment.fileName })}
      </button>
    </li>
  );
}

/** An object URL for stored bytes (or their thumbnail), revoked when the item goes away. */
function useObjectUrl(reads: ReadModels, sha256: string, part: 'blob' | 'thumbnail', wanted: boolean): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!wanted) return;
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
  }, [reads, sha256, part, wanted]);
  return url;
}

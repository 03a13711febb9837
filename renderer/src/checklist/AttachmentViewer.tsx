import { useEffect, useId, useRef, useState, type KeyboardEvent as ReactKeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ChevronLeft, ChevronRight, Download, Maximize, X, ZoomIn, ZoomOut } from 'lucide-react';
import type { AttachmentEvidence } from '../../../shared/schemas/finding';
import { useServices } from '../app/services';
import { formatFileSize } from '../files/file-size';
import { trapFocus } from '../components/focus-trap';

/** Zoom factors relative to "fit in the window": enough to read a document number on a photo. */
export const ZOOM_STEPS = [1, 1.5, 2, 3, 4] as const;

/** What the viewer can show inside the app; other files are downloaded as before. */
export function isViewable(attachment: Pick<AttachmentEvidence, 'mediaType' | 'fileName'>): boolean {
  return isPhoto(attachment) || isPdf(attachment);
}

export function isPhoto(attachment: Pick<AttachmentEvidence, 'mediaType'>): boolean {
  return attachment.mediaType.startsWith('image/');
}

function isPdf(attachment: Pick<AttachmentEvidence, 'mediaType' | 'fileName'>): boolean {
  return attachment.mediaType === 'application/pdf' || attachment.fileName.toLowerCase().endsWith('.pdf');
}

interface Props {
  /** The files one can step through (the record's photos), or the one PDF that was opened. */
  items: readonly AttachmentEvidence[];
  startIndex: number;
  onClose: () => void;
}

/**
 * Shows a photo (zoom, previous/next) or a PDF (Chromium's own viewer in a frame) in a modal
 * dialog over the form, instead of downloading the file: an expert checking a photo should not
 * have to find it in a downloads folder. Focus stays inside until Escape or Close, then goes
 * back to what opened it.
 */
export function AttachmentViewer({ items, startIndex, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  const [index, setIndex] = useState(() => Math.min(Math.max(startIndex, 0), items.length - 1));
  const [zoomStep, setZoomStep] = useState(0);
  const dialogRef = useRef<HTMLDivElement>(null);
  const stageRef = useRef<HTMLDivElement>(null);
  const current = items[index];
  const { url, failed } = useViewerUrl(current);
  const photo = current ? isPhoto(current) : false;
  const zoom = ZOOM_STEPS[zoomStep] ?? 1;

  // Remember what had focus before the dialog took it, and give it back on close.
  useEffect(() => {
    const opener = document.activeElement;
    dialogRef.current?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    return () => {
      if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
    };
  }, []);

  const zoomBy = (delta: number): void => setZoomStep((step) => Math.min(Math.max(step + delta, 0), ZOOM_STEPS.length - 1));
  const go = (delta: number): void => {
    if (items.length < 2) return;
    setIndex((value) => (value + delta + items.length) % items.length);
    setZoomStep(0);
  };

  // Ctrl + wheel, which is also what a touchpad pinch sends: zoom the photo, not the whole app.
  // A native listener because React's wheel listener is passive and cannot prevent the page zoom.
  useEffect(() => {
    const stage = stageRef.current;
    if (!stage || !photo) return;
    const onWheel = (event: WheelEvent): void => {
      if (!event.ctrlKey) return;
      event.preventDefault();
      setZoomStep((step) => Math.min(Math.max(step + (event.deltaY < 0 ? 1 : -1), 0), ZOOM_STEPS.length - 1));
    };
    stage.addEventListener('wheel', onWheel, { passive: false });
    return () => stage.removeEventListener('wheel', onWheel);
  }, [photo]);

  // Zooming keeps the middle of the photo in view; the scroll would otherwise stay top-left,
  // on the letterbox band around a photo whose shape differs from the window's.
  useEffect(() => {
    const stage = stageRef.current;
    if (!stage) return;
    stage.scrollLeft = (stage.scrollWidth - stage.clientWidth) / 2;
    stage.scrollTop = (stage.scrollHeight - stage.clientHeight) / 2;
  }, [zoomStep, index]);

  if (!current) return null;

  const onKeyDown = (event: ReactKeyboardEvent<HTMLDivElement>): void => {
    if (event.key === 'Escape') {
      event.preventDefault();
      onClose();
    } else if (event.key === 'Tab') {
      trapFocus(event, dialogRef.current);
    } else if (event.altKey || event.ctrlKey || event.metaKey) {
      return;
    } else if (event.key === 'ArrowLeft' && items.length > 1) {
      event.preventDefault();
      go(-1);
    } else if (event.key === 'ArrowRight' && items.length > 1) {
      event.preventDefault();
      go(1);
    } else if (photo && (event.key === '+' || event.key === '=')) {
      event.preventDefault();
      zoomBy(1);
    } else if (photo && event.key === '-') {
      event.preventDefault();
      zoomBy(-1);
    } else if (photo && event.key === '0') {
      event.preventDefault();
      setZoomStep(0);
    }
  };

  const percent = new Intl.NumberFormat(i18n.language, { style: 'percent' }).format(zoom);
  return (
    <div className="dialog-backdrop viewer-backdrop">
      <div ref={dialogRef} className="viewer" role="dialog" aria-modal="true" aria-labelledby={titleId} onKeyDown={onKeyDown} data-testid="attachment-viewer">
        <div className="viewer-bar">
          <h2 id={titleId} className="viewer-title">
            {current.fileName}
            <span className="muted small"> · {formatFileSize(current.size, i18n.language)}</span>
          </h2>
          {items.length > 1 ? (
            <p className="viewer-position small" aria-live="polite">
              {t('viewer.position', { index: index + 1, count: items.length })}
            </p>
          ) : null}
          <div className="viewer-tools">
            {items.length > 1 ? (
              <>
                <IconButton label={t('viewer.previous')} onClick={() => go(-1)} icon={<ChevronLeft aria-hidden="true" />} />
                <IconButton label={t('viewer.next')} onClick={() => go(1)} icon={<ChevronRight aria-hidden="true" />} />
              </>
            ) : null}
            {photo ? (
              <>
                <IconButton label={t('viewer.zoomOut')} onClick={() => zoomBy(-1)} disabled={zoomStep === 0} icon={<ZoomOut aria-hidden="true" />} />
                <output className="viewer-zoom small" aria-label={t('viewer.zoomLevel')} data-testid="viewer-zoom">
                  {percent}
                </output>
                <IconButton label={t('viewer.zoomIn')} onClick={() => zoomBy(1)} disabled={zoomStep === ZOOM_STEPS.length - 1} icon={<ZoomIn aria-hidden="true" />} />
                <IconButton label={t('viewer.fit')} onClick={() => setZoomStep(0)} disabled={zoomStep === 0} icon={<Maximize aria-hidden="true" />} />
              </>
            ) : null}
            {url ? (
              <a className="button small icon-button" href={url} download={current.fileName}>
                <Download aria-hidden="true" size={18} />
                {t('viewer.download')}
              </a>
            ) : null}
            <button type="button" className="button small icon-button" onClick={onClose} data-autofocus>
              <X aria-hidden="true" size={18} />
              {t('viewer.close')}
            </button>
          </div>
        </div>
        <div ref={stageRef} className={`viewer-stage${zoomStep > 0 ? ' zoomed' : ''}`} data-testid="viewer-stage">
          {failed ? (
            <p className="error" role="alert">
              {t('viewer.missing')}
            </p>
          ) : !url ? (
            <p className="muted">{t('viewer.opening')}</p>
          ) : photo ? (
            <img src={url} alt={current.caption || current.fileName} className="viewer-photo" style={{ width: `${zoom * 100}%`, height: `${zoom * 100}%` }} />
          ) : (
            <iframe src={url} title={t('viewer.pdfTitle', { file: current.fileName })} className="viewer-pdf" />
          )}
        </div>
        {photo ? <p className="hint viewer-keys">{t(items.length > 1 ? 'viewer.keysWithNext' : 'viewer.keys')}</p> : null}
      </div>
    </div>
  );
}

/**
 * Unavailable is said with aria-disabled, not disabled: a button that becomes disabled while it
 * has focus (Zoom in at 400 %) drops focus out of the dialog, and the keys stop working.
 */
function IconButton({ label, onClick, icon, disabled = false }: { label: string; onClick: () => void; icon: ReactNode; disabled?: boolean }) {
  return (
    <button type="button" className="button small icon-only" onClick={disabled ? undefined : onClick} aria-label={label} title={label} aria-disabled={disabled}>
      {icon}
    </button>
  );
}

/**
 * An object URL for the shown file's bytes, revoked as soon as another file is shown or the
 * viewer closes, so restricted photos do not stay reachable in memory under a blob: address.
 * A PDF gets its media type set on the blob, which is what makes Chromium show its viewer.
 */
function useViewerUrl(attachment: AttachmentEvidence | undefined): { url: string | null; failed: boolean } {
  const { reads } = useServices();
  const [state, setState] = useState<{ key: string; url: string | null; failed: boolean } | null>(null);
  // Keyed on what identifies the bytes, not on the row object: a live query hands a new object
  // after every write, and that must not make a new URL (and a flicker) each time.
  const key = attachment ? attachment.id : '';
  const sha256 = attachment?.sha256;
  const pdf = attachment ? isPdf(attachment) : false;
  useEffect(() => {
    if (!sha256) return;
    let created: string | null = null;
    let cancelled = false;
    void reads.attachmentBytes(sha256, 'blob').then(
      (bytes) => {
        if (cancelled) return;
        if (!bytes) {
          setState({ key, url: null, failed: true });
          return;
        }
        created = URL.createObjectURL(pdf ? new Blob([bytes], { type: 'application/pdf' }) : bytes);
        setState({ key, url: created, failed: false });
      },
      () => {
        if (!cancelled) setState({ key, url: null, failed: true });
      },
    );
    return () => {
      cancelled = true;
      if (created) URL.revokeObjectURL(created);
    };
  }, [reads, key, sha256, pdf]);
  // A URL made for the previous file is never shown under the next one's name.
  return state && state.key === key ? { url: state.url, failed: state.failed } : { url: null, failed: false };
}

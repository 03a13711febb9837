import { File, FileImage, FileSpreadsheet, FileText, Presentation } from 'lucide-react';

export type FileKind = 'image' | 'pdf' | 'spreadsheet' | 'slides' | 'document' | 'other';

export function fileKind(mediaType: string, fileName: string): FileKind {
  const extension = fileName.toLowerCase().split('.').pop() ?? '';
  if (mediaType.startsWith('image/')) return 'image';
  if (mediaType === 'application/pdf' || extension === 'pdf') return 'pdf';
  if (['xls', 'xlsx', 'ods', 'csv'].includes(extension)) return 'spreadsheet';
  if (['ppt', 'pptx', 'odp'].includes(extension)) return 'slides';
  if (['doc', 'docx', 'odt', 'rtf', 'txt'].includes(extension)) return 'document';
  return 'other';
}

/**
 * An icon per kind of file, drawn as SVG from an icon set: an emoji such as U+1F4C4 (page) renders as an
 * empty box on Linux systems without a colour emoji font. Decorative only: the file name next
 * to it says what the file is.
 */
export function FileTypeIcon({ mediaType, fileName }: { mediaType: string; fileName: string }) {
  const kind = fileKind(mediaType, fileName);
  const props = { className: 'file-icon', size: 40, strokeWidth: 1.5, 'aria-hidden': true, focusable: false, 'data-kind': kind } as const;
  switch (kind) {
    case 'image':
      return <FileImage {...props} />;
    case 'pdf':
    case 'document':
      return <FileText {...props} />;
    case 'spreadsheet':
      return <FileSpreadsheet {...props} />;
    case 'slides':
      return <Presentation {...props} />;
    case 'other':
      return <File {...props} />;
  }
}

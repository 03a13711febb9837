import { spawnSync } from 'node:child_process';
import { accessSync, constants, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * LibreOffice, the strictest reader of .docx at hand on CI (which installs
 * libreoffice-writer-nogui). Without it the tests that use this fail rather than skip, so a
 * missing install is noticed instead of silently passing.
 */
function findOnPath(names: readonly string[]): string | null {
  for (const directory of (process.env['PATH'] ?? '').split(delimiter)) {
    for (const name of names) {
      const candidate = join(directory, name);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here; keep looking
      }
    }
  }
  return null;
}

export interface ConversionResult {
  /** The exit status of LibreOffice and what it wrote on stderr, for the assertion message. */
  status: number | null;
  error: Error | undefined;
  stderr: string;
  /** The size of each PDF written, by .docx name; 0 for one LibreOffice could not convert. */
  pdfBytes: Map<string, number>;
}

/**
 * Converts the documents to PDF in `work` with one LibreOffice run (starting it is most of the
 * time). LibreOffice exits 0 even when it cannot load a document, so a missing PDF is the sign
 * of a document it refused.
 */
export function convertToPdf(work: string, documents: readonly { name: string; bytes: Uint8Array }[]): ConversionResult {
  const office = findOnPath(['soffice', 'libreoffice']);
  if (!office) {
    throw new Error('LibreOffice is required for this test: neither "soffice" nor "libreoffice" is on PATH. Install it (e.g. apt-get install libreoffice-writer-nogui).');
  }
  const inDir = join(work, 'docx');
  const outDir = join(work, 'pdf');
  mkdirSync(inDir, { recursive: true });
  const paths = documents.map((document) => {
    const path = join(inDir, document.name);
    writeFileSync(path, document.bytes);
    return path;
  });
  // A profile of its own, so a LibreOffice already running on the machine cannot take the job over or lock it.
  const profile = pathToFileURL(join(work, 'profile')).href;
  const result = spawnSync(office, [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', outDir, ...paths], {
    timeout: 120_000 + 30_000 * documents.length,
    encoding: 'utf8',
  });
  const pdfBytes = new Map(documents.map((document) => [document.name, statSync(join(outDir, document.name.replace(/\.docx$/, '.pdf')), { throwIfNoEntry: false })?.size ?? 0]));
  return { status: result.status, error: result.error, stderr: result.stderr, pdfBytes };
}

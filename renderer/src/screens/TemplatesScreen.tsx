import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { countRequirements } from '../../../shared/template-outline';
import { missingCase } from '../../../shared/result';
import { useServices } from '../app/services';
import { useTemplates } from '../db/read-hooks';
import { importTemplateFile, type TemplateImportOutcome } from './template-import';
import { InvalidFileNotice } from '../components/InvalidFileNotice';

export function TemplatesScreen() {
  const { t } = useTranslation();
  const { bridge, repository } = useServices();
  const templates = useTemplates();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<TemplateImportOutcome | null>(null);

  const onImport = async (): Promise<void> => {
    setBusy(true);
    setOutcome(null);
    try {
      setOutcome(await importTemplateFile(bridge, repository));
    } catch (error) {
      // A failure nobody foresaw is still a failure the user must see, not a button that just stops.
      setOutcome({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="templates-heading">
      <div className="screen-header">
        <h1 id="templates-heading">{t('templates.title')}</h1>
        <button type="button" className="button primary" onClick={() => void onImport()} disabled={busy}>
          {busy ? t('templates.importing') : t('templates.import')}
        </button>
      </div>
      <ImportOutcome outcome={outcome} />
      <ul className="cards">
        {(templates ?? []).map((row) => {
          const template = row.template;
          const areas = template.blocks.reduce((sum, block) => sum + block.areas.length, 0);
          return (
            <li key={`${row.id}@${row.version}`} className="card" data-testid="template-card">
              <h2>{row.title}</h2>
              <p className="muted">
                {template.framework} · v{row.version} ·{' '}
                {row.builtin ? t('templates.builtin') : t('templates.imported', { date: row.importedAt.slice(0, 10) })}
              </p>
              <p>{t('templates.counts', { requirements: countRequirements(template), areas, blocks: template.blocks.length })}</p>
              <p className="muted">{t('templates.scale', { levels: template.scale.levels.map((level) => level.label).join(' / ') })}</p>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function ImportOutcome({ outcome }: { outcome: TemplateImportOutcome | null }) {
  const { t } = useTranslation();
  if (!outcome) return null;
  switch (outcome.kind) {
    case 'canceled':
      return null;
    case 'imported':
      return (
        <p className="notice success" role="status">
          {t('templates.imported_ok', { title: outcome.row.title, version: outcome.row.version })}
        </p>
      );
    case 'failed':
      return (
        <p className="notice error" role="alert">
          {t('templates.importFailed', { message: outcome.message })}
        </p>
      );
    case 'invalid':
      return <InvalidFileNotice summary={t('templates.invalid', { file: outcome.fileName })} problems={outcome.problems} />;
    default:
      return missingCase(outcome);
  }
}

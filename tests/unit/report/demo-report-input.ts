import { buildKosovoDemo } from '../../../shared/demo/kosovo-2015-demo';
import type { ReportInput } from '../../../shared/report';
import type { Template } from '../../../shared/schemas/template';
import { findBuiltinTemplate } from '../../../shared/templates/builtin-templates';

export function roadmapTemplate(): Template {
  const template = findBuiltinTemplate('visa-roadmap-kosovo-2012');
  if (!template) throw new Error('the roadmap template is not built in');
  return template;
}

/** The demo mission of the 2015 Kosovo report, ready to be reported on. */
export function demoReportInput(): ReportInput {
  return { template: roadmapTemplate(), ...buildKosovoDemo() };
}

/** A fixed generation date, so the title page does not change from run to run. */
export const GENERATED_AT = '2015-12-18T10:00:00+01:00';

import { describe, expect, it } from 'vitest';
import type { QuestionSummary } from '../../../shared/questionnaire';
import { describeSummary, formatAnswer } from '../../../shared/report/questionnaire-text';
import { fitImage, imageSize } from '../../../shared/report/image-size';
import { formatDate, formatDateRange } from '../../../shared/report/report-dates';
import { statisticText } from '../../../shared/report/statistic-text';
import { narrativeParagraphs } from '../../../shared/report/narrative-paragraphs';
import { QuestionSchema, type Question } from '../../../shared/schemas/question';
import { solidPng } from '../../fixtures/png';

describe('report dates', () => {
  it('writes dates and ranges in the Commission’s style', () => {
    expect(formatDate('2015-07-06')).toBe('6 July 2015');
    expect(formatDateRange('2015-07-06', '2015-07-10')).toBe('from 6 to 10 July 2015');
    expect(formatDateRange('2015-06-30', '2015-07-03')).toBe('from 30 June to 3 July 2015');
    expect(formatDateRange('2015-12-30', '2016-01-02')).toBe('from 30 December 2015 to 2 January 2016');
    expect(formatDateRange('2015-07-06', '2015-07-06')).toBe('on 6 July 2015');
  });
});

describe('statisticText', () => {
  it('computes the percentage and groups thousands', () => {
    expect(statisticText({ label: 'Returnees assisted', value: 1542, ofTotal: 2744, unit: 'returnees', period: 'first half of 2015', source: 'Case management system' })).toBe(
      'Returnees assisted: 1,542 of 2,744 (56 %) returnees, first half of 2015; source: Case management system',
    );
    expect(statisticText({ label: 'Budget', value: 3.2, unit: 'EUR million', period: '', source: '' })).toBe('Budget: 3.2 EUR million');
  });
});

describe('narrativeParagraphs', () => {
  it('splits on blank lines, keeps single line breaks, drops empty paragraphs', () => {
    expect(narrativeParagraphs('One.\n\n  \n\nTwo,\nstill two.\r\n\r\nThree.\n\n')).toEqual(['One.', 'Two,\nstill two.', 'Three.']);
    expect(narrativeParagraphs('   ')).toEqual([]);
  });
});

describe('imageSize', () => {
  it('reads the size of a PNG', () => {
    expect(imageSize(new Uint8Array(solidPng(640, 480, [0, 0, 0])))).toEqual({ format: 'png', width: 640, height: 480 });
  });

  it('reads the size of a JPEG from its frame header, past other segments', () => {
    const jpeg = new Uint8Array([
      0xff, 0xd8, // start of image
      0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, // APP0 (JFIF)
      0xff, 0xdb, 0x00, 0x04, 0x00, 0x00, // a (truncated) quantisation table segment
      0xff, 0xc2, 0x00, 0x11, 0x08, 0x03, 0x00, 0x04, 0x00, 0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01, // SOF2: 768 high, 1024 wide
      0xff, 0xd9,
    ]);
    expect(imageSize(jpeg)).toEqual({ format: 'jpeg', width: 1024, height: 768 });
  });

  it('returns null for anything else', () => {
    expect(imageSize(new Uint8Array([0x25, 0x50, 0x44, 0x46]))).toBeNull();
    expect(imageSize(new Uint8Array([0xff, 0xd8, 0xff, 0xda, 0x00, 0x02]))).toBeNull();
    expect(imageSize(new Uint8Array(0))).toBeNull();
  });

  it('fits an image within a width and height in centimetres, keeping its aspect ratio', () => {
    expect(fitImage({ width: 4000, height: 3000 }, 15, 20)).toEqual({ width: 567, height: 425 });
    expect(fitImage({ width: 300, height: 200 }, 15, 20)).toEqual({ width: 300, height: 200 });
    expect(fitImage({ width: 1000, height: 4000 }, 15, 20).height).toBe(756);
  });
});

describe('questionnaire text', () => {
  const question = (input: unknown): Question => QuestionSchema.parse(input);
  const yesNoSite = question({ id: 'exit', text: 'Exit checks?', type: 'yes-no-partly', scope: { per: 'site' } });
  const summary = (q: Question, fields: Partial<QuestionSummary>): QuestionSummary => ({
    question: q,
    per: q.scope.per,
    applicableSites: 0,
    answered: 0,
    counts: {},
    numbers: [],
    texts: [],
    ...fields,
  });

  it('counts answers per site visit', () => {
    expect(describeSummary(summary(yesNoSite, { applicableSites: 4, answered: 4, counts: { yes: 3, no: 1 } }))).toBe('Yes at 3 of 4 site visits, No at 1');
    expect(describeSummary(summary(yesNoSite, { applicableSites: 4, answered: 3, counts: { yes: 2, partly: 1 } }))).toBe(
      'Yes at 2 of 4 site visits, Partly at 1; not answered at 1 of 4 site visits',
    );
    expect(describeSummary(summary(yesNoSite, { applicableSites: 2, answered: 2, counts: { no: 2 } }))).toBe('No at both site visits');
    expect(describeSummary(summary(yesNoSite, { applicableSites: 1, answered: 1, counts: { yes: 1 } }))).toBe('Yes at the one site visit');
    expect(describeSummary(summary(yesNoSite, { applicableSites: 3, answered: 0 }))).toBe('Not answered');
    expect(describeSummary(summary(yesNoSite, { applicableSites: 0 }))).toBe('Not asked: no site visit of this type');
  });

  it('counts only the site visits where a follow-up question was asked', () => {
    const missing = question({
      id: 'missing',
      text: 'What is missing?',
      type: 'multiple-choice',
      options: [{ id: 'kit', label: 'Kit' }, { id: 'db', label: 'Database access' }],
      scope: { per: 'site' },
    });
    expect(describeSummary(summary(missing, { applicableSites: 3, answered: 1, counts: { kit: 1, db: 1 } }), 1)).toBe('Kit, Database access at the one site visit');
  });

  it('counts answers per expert for mission questions', () => {
    const ratified = question({ id: 'ratified', text: 'Ratified?', type: 'yes-no-partly' });
    expect(describeSummary(summary(ratified, { answered: 3, counts: { yes: 2, no: 1 } }))).toBe('Yes from 2 of 3 experts, No from 1');
    expect(describeSummary(summary(ratified, { answered: 1, counts: { partly: 1 } }))).toBe('Partly (1 expert)');
  });

  it('gives numbers with their unit, and ranges', () => {
    const officers = question({ id: 'officers', text: 'Officers', type: 'number', unit: 'officers', scope: { per: 'site' } });
    expect(describeSummary(summary(officers, { applicableSites: 3, answered: 3, numbers: [4, 12, 7] }))).toBe('from 4 to 12 officers (3 answers)');
    expect(describeSummary(summary(officers, { applicableSites: 1, answered: 1, numbers: [1250] }))).toBe('1,250 officers');
  });

  it('formats single answers for the expert report', () => {
    const date = question({ id: 'd', text: 'Date', type: 'date' });
    expect(formatAnswer(date, '2015-05-12')).toBe('12 May 2015');
    expect(formatAnswer(yesNoSite, 'not-applicable')).toBe('Not applicable');
    expect(formatAnswer(question({ id: 'n', text: 'Share', type: 'number', unit: '%' }), 86)).toBe('86 %');
  });
});

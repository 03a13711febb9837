/** Report generation: pure functions from mission data to a report model and .docx bytes. */
export type { ReportInput, ReportOptions } from './report-input';
export type * from './report-model-types';
export { buildMissionReport } from './report-model';
export { narrativeParagraphs } from './narrative-paragraphs';
export { renderMissionReport } from './render-mission-report';
export { buildExpertReport } from './expert-report';
export type { ExpertReportModel, ExpertBlock, ExpertArea, ExpertRequirement, ExpertFinding, ExpertAnswer, ExpertAttachment, EmbeddedImage } from './expert-report';
export { renderExpertReport } from './render-expert-report';
export { fulfilmentSentence } from './fulfilment-sentence';
export { numberWord, formatNumber } from './number-words';
export { numberRecommendations, recommendationHeading, recommendationText, areaName } from './recommendation-numbering';
export type { NumberedRecommendation, RecommendationNumbering, RecommendationText } from './recommendation-numbering';
export { requirementOutcome, countOutcomes } from './requirement-outcome';
export type { RequirementOutcome, OutcomeCounts } from './requirement-outcome';
export { describeSummary, formatAnswer } from './questionnaire-text';
export { statisticText } from './statistic-text';
export { imageSize, type ImageSize } from './image-size';
export { formatDate, formatDateRange } from './report-dates';

import { numberWord } from './number-words';
import { totalOf, type OutcomeCounts } from './requirement-outcome';

/**
 * The sentence that opens each area of the report, computed from the consolidated assessments:
 * "Kosovo fulfils two of the three requirements in the area of reintegration."
 *
 * `phrase` is how the template names the area inside a sentence ("the area of readmission",
 * "migration management"); null gives the whole-report total ("Kosovo fulfils 87 of the 95
 * requirements."). Requirements not assessed yet are stated as such, never counted as failures.
 */
export function fulfilmentSentence(territory: string, phrase: string | null, counts: OutcomeCounts): string {
  const where = phrase ? ` in ${phrase}` : '';
  const total = totalOf(counts);
  const assessed = counts.fulfilled + counts.notFulfilled;
  if (total === 0) return `There are no requirements${where}.`;
  if (assessed === 0) {
    return total === 1
      ? `The one requirement${where} has not been assessed yet.`
      : `None of the ${numberWord(total)} requirements${where} has been assessed yet.`;
  }
  const main = total === 1 ? singleRequirement(territory, counts) : `${territory} fulfils ${share(counts.fulfilled, total)}`;
  if (counts.notAssessed === 0) return `${main}${where}.`;
  const pending = counts.notAssessed === 1 ? 'one requirement has' : `${numberWord(counts.notAssessed)} requirements have`;
  return `${main}${where}; ${pending} not yet been assessed.`;
}

function singleRequirement(territory: string, counts: OutcomeCounts): string {
  // "fulfils none of the one requirement" is not English; say it the way a drafter would.
  return counts.fulfilled === 1 ? `${territory} fulfils the one requirement` : `${territory} does not yet fulfil the one requirement`;
}

/** "all seven requirements", "both requirements", "none of the three", "twelve of the fifteen". */
function share(fulfilled: number, total: number): string {
  if (fulfilled === total) return total === 2 ? 'both requirements' : `all ${numberWord(total)} requirements`;
  if (fulfilled === 0) return total === 2 ? 'neither of the two requirements' : `none of the ${numberWord(total)} requirements`;
  return `${numberWord(fulfilled)} of the ${numberWord(total)} requirements`;
}

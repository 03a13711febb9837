import type { ValidationProblem } from '../../../shared/template-validation';

/** A validation message shown right beside its field; the typed value is kept regardless. */
export function ProblemText({ problem, id }: { problem: ValidationProblem | undefined; id?: string }) {
  if (!problem) return null;
  return (
    <p className="error" id={id} role="alert">
      {problem.message}
    </p>
  );
}

import { MAX_JSON_DEPTH, MAX_KEY_LENGTH, MAX_TEXT_LENGTH } from './input-limits';
import type { ValidationProblem } from './template-validation';

/** Which limit of input-limits.ts a parsed document breaks. */
export type JsonLimit = 'depth' | 'text-length' | 'key-length' | 'containers';

export interface JsonLimitOptions {
  /**
   * The most arrays and objects walked, each visit counted. JSON text cannot hold more than half
   * its length, so parsed files need no such cap; a structured-cloned value can (an IPC request):
   * it keeps shared references, so 40 nested pairs of one array are 2^40 visits for every walk
   * and schema after it, from a message of a few hundred bytes.
   */
  maxContainers?: number;
}

export interface JsonLimitProblem extends ValidationProblem {
  limit: JsonLimit;
}

type Container = { kind: 'array'; items: readonly unknown[]; next: number } | { kind: 'object'; record: Readonly<Record<string, unknown>>; keys: string[]; next: number };

/**
 * The first place where a parsed JSON value breaks a limit of input-limits.ts, or null. Runs
 * before any schema: zod, hashing and materialisation all recurse, so a value nested 5,000 deep
 * must be refused by a walk that does not. Hence an explicit stack of containers rather than
 * recursion; the stack never holds more than MAX_JSON_DEPTH + 1 of them.
 */
export function jsonLimitProblem(value: unknown, options: JsonLimitOptions = {}): JsonLimitProblem | null {
  const early = scalarProblem(value, []);
  if (early !== undefined) return early;
  const maxContainers = options.maxContainers ?? Infinity;
  let containers = 0;
  const stack: Container[] = [];
  const path: (string | number)[] = [];
  const enter = (container: unknown): JsonLimitProblem | null => {
    containers += 1;
    if (containers > maxContainers) {
      return {
        limit: 'containers',
        path: formatPath(path),
        message: `holds more than ${formatCount(maxContainers)} arrays and objects (one repeated counts each time it appears); Mission Kit reads at most ${formatCount(maxContainers)}`,
      };
    }
    if (stack.length >= MAX_JSON_DEPTH) {
      return {
        limit: 'depth',
        path: formatPath(path),
        message: `nested more than ${MAX_JSON_DEPTH} levels deep (arrays and objects inside each other); Mission Kit reads at most ${MAX_JSON_DEPTH}`,
      };
    }
    if (Array.isArray(container)) {
      stack.push({ kind: 'array', items: container, next: 0 });
      return null;
    }
    const record = container as Record<string, unknown>;
    const keys = Object.keys(record);
    for (const key of keys) {
      if (key.length > MAX_KEY_LENGTH) {
        return {
          limit: 'key-length',
          path: formatPath(path),
          message: `has a key of ${formatCount(key.length)} characters, longer than the limit of ${formatCount(MAX_KEY_LENGTH)} characters`,
        };
      }
    }
    stack.push({ kind: 'object', record, keys, next: 0 });
    return null;
  };

  const first = enter(value);
  if (first) return first;
  while (stack.length > 0) {
    const top = stack[stack.length - 1] as Container;
    const done = top.kind === 'array' ? top.next >= top.items.length : top.next >= top.keys.length;
    if (done) {
      stack.pop();
      continue;
    }
    // `path` holds one segment per open container below the top one, plus the top's current child.
    const segment = top.kind === 'array' ? top.next : (top.keys[top.next] as string);
    const child = top.kind === 'array' ? top.items[top.next] : top.record[segment as string];
    top.next += 1;
    path.length = stack.length - 1;
    path.push(segment);
    const problem = scalarProblem(child, path);
    if (problem === null) continue;
    if (problem !== undefined) return problem;
    const nested = enter(child);
    if (nested) return nested;
  }
  return null;
}

/** A problem for a string, null for any other scalar, undefined for an array or object (walked instead). */
function scalarProblem(value: unknown, path: readonly (string | number)[]): JsonLimitProblem | null | undefined {
  if (typeof value === 'string') {
    if (value.length <= MAX_TEXT_LENGTH) return null;
    return {
      limit: 'text-length',
      path: formatPath(path),
      message: `text of ${formatCount(value.length)} characters is longer than the limit of ${formatCount(MAX_TEXT_LENGTH)} characters`,
    };
  }
  // Bytes are a leaf: JSON.parse never makes them, but a caller may walk a structured-cloned
  // request, and a 50 MB buffer must not be walked key by key.
  if (typeof value !== 'object' || value === null || ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return null;
  return undefined;
}

export type LimitedJsonResult = { ok: true; value: unknown } | { ok: false; problem: ValidationProblem & { limit: JsonLimit | 'syntax' } };

/** JSON.parse, then {@link jsonLimitProblem}: what every reader of outside JSON text calls first. */
export function parseJsonWithinLimits(text: string): LimitedJsonResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: { limit: 'syntax', path: '(root)', message: `not valid JSON: ${error instanceof Error ? error.message : String(error)}` } };
  }
  const problem = jsonLimitProblem(value);
  return problem ? { ok: false, problem } : { ok: true, value };
}

/** "changes[3].value.note": the notation of every problem path (zod's issues are shown the same way). */
export function formatPath(path: readonly (string | number)[]): string {
  if (path.length === 0) return '(root)';
  return path.map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : `${index === 0 ? '' : '.'}${segment}`)).join('');
}

function formatCount(n: number): string {
  return n.toLocaleString('en');
}

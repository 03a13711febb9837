/**
 * The one function of js-yaml the tests use (the package ships no types, and @types/js-yaml is
 * not worth a dependency for this): its default schema parses plain data, no code or tags.
 */
declare module 'js-yaml' {
  export function load(text: string, options?: { filename?: string }): unknown;
}

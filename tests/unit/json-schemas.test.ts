import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildJsonSchemas, serialiseJsonSchema } from '../../shared/json-schemas';

describe('published JSON Schemas', () => {
  it.each(Object.entries(buildJsonSchemas()))('docs/schemas/%s is up to date with the zod schemas', (name, schema) => {
    const committed = readFileSync(new URL(`../../docs/schemas/${name}`, import.meta.url), 'utf8');
    // Run `npm run schemas` after changing a schema in shared/schemas/.
    expect(committed).toBe(serialiseJsonSchema(schema));
  });

  it('describes the template hierarchy and the rating scale', () => {
    const template = buildJsonSchemas()['template.schema.json'] as {
      required: string[];
      properties: Record<string, unknown>;
    };
    expect(template.required).toEqual(expect.arrayContaining(['format', 'id', 'version', 'title', 'scale', 'blocks']));
    const scale = JSON.stringify(template.properties['scale']);
    expect(scale).toContain('"enum":["fulfilled","not-fulfilled","not-counted"]');
  });
});

import { z } from 'zod';
import { TemplateSchema } from './schemas/template';
import { MissionFileSchema } from './schemas/mission-file';

/**
 * The published JSON Schemas, generated from the zod schemas so the two cannot drift; the
 * committed copies in docs/schemas/ are checked against this output by a unit test.
 * Cross-field rules (unique ids, end date after start) live only in zod and are listed in
 * docs/formats.md.
 */
export function buildJsonSchemas(): Record<string, unknown> {
  return {
    'template.schema.json': withHeader(
      z.toJSONSchema(TemplateSchema, { io: 'input', unrepresentable: 'any' }),
      'https://mission-kit.eu/schemas/template.schema.json',
      'Mission Kit template',
    ),
    'mission.schema.json': withHeader(
      z.toJSONSchema(MissionFileSchema, { io: 'input', unrepresentable: 'any' }),
      'https://mission-kit.eu/schemas/mission.schema.json',
      'Mission Kit mission file',
    ),
  };
}

function withHeader(schema: Record<string, unknown>, id: string, title: string): Record<string, unknown> {
  return { ...schema, $id: id, title };
}

export function serialiseJsonSchema(schema: unknown): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}

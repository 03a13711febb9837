import type { Requirement, Template } from './schemas/template';

/** One line of a template's table of contents: an area and how many requirements it holds. */
export interface AreaOutline {
  blockId: string;
  areaId: string;
  title: string;
  requirementCount: number;
}

/** Total number of requirements in a template, across all blocks and areas. */
export function countRequirements(template: Template): number {
  return template.blocks.reduce(
    (total, block) => total + block.areas.reduce((sum, area) => sum + area.requirements.length, 0),
    0,
  );
}

/** The template's areas in document order, each with its block and requirement count. */
export function templateOutline(template: Template): AreaOutline[] {
  return template.blocks.flatMap((block) =>
    block.areas.map((area) => ({
      blockId: block.id,
      areaId: area.id,
      title: area.title,
      requirementCount: area.requirements.length,
    })),
  );
}

/** A requirement by id, wherever it sits in the template. */
export function findRequirement(template: Template, requirementId: string): Requirement | undefined {
  for (const block of template.blocks) {
    for (const area of block.areas) {
      const found = area.requirements.find((requirement) => requirement.id === requirementId);
      if (found) return found;
    }
  }
  return undefined;
}

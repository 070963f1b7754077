import type { ToolAnnotations } from '@modelcontextprotocol/server';

/**
 * A tool's title and behaviour hints. The title goes both on the tool and in its annotations,
 * since clients of different ages read one or the other.
 */
export function presentTool(title: string, hints: Omit<ToolAnnotations, 'title'>): { title: string; annotations: ToolAnnotations } {
  return { title, annotations: { title, ...hints } };
}

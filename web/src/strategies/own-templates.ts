// The templates a step may send: cobro's shipped ones, then the org's own (ids starting with org-, written in Settings ·
// Templates, the API or the CLI), each with the channels the org wrote a text for.
import { get } from '../app/api.ts';
import type { Channel, TemplateInfo } from './types.ts';

interface OrgText { template: string; channel: Channel }

export function withOwnTemplates(shipped: TemplateInfo[], texts: OrgText[]): TemplateInfo[] {
  const own = new Map<string, Set<Channel>>();
  for (const x of texts) if (x.template.startsWith('org-')) own.set(x.template, (own.get(x.template) ?? new Set()).add(x.channel));
  return [...shipped, ...[...own].map(([id, channels]) => ({ id, channels: [...channels], tags: [] }))];
}

export async function stepTemplates(): Promise<{ data: TemplateInfo[] }> {
  const [shipped, texts] = await Promise.all([get<{ data: TemplateInfo[] }>('/v1/templates'), get<{ data: OrgText[] }>('/v1/templates/custom')]);
  return { data: withOwnTemplates(shipped.data, texts.data) };
}

// The shape of a template an org submits for linting (API body, CLI file): its texts per channel, tags and language.
import { z } from 'zod';
import { LANGUAGES } from '../../messaging/index.ts';
import { SlugSchema } from '../../strategy/vocabulary.ts';

const TAGS = ['legal-threat', 'cease-allowed', 'dispute-allowed', 'promise-reminder', 'validation-notice', 'demand'] as const;

export const templateEntrySchema = z.object({
  email: z.object({ subject: z.string().min(1).max(300), body: z.string().min(1).max(20_000) }).optional(),
  sms: z.string().min(1).max(2_000).optional(),
  whatsapp: z.string().min(1).max(2_000).optional(),
  voice: z.string().min(1).max(5_000).optional(),
  tags: z.array(z.enum(TAGS)).max(TAGS.length).optional(),
}).refine((t) => t.email || t.sms || t.whatsapp || t.voice, { message: 'a template has a text for at least one channel', path: ['email'] });

export const templateLintSchema = z.object({
  template_id: SlugSchema,
  language: z.enum(LANGUAGES),
  template: templateEntrySchema,
});
export type TemplateLintInput = z.infer<typeof templateLintSchema>;

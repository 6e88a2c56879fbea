// The tone an org's text is saved for, as the API and CLI take it: one of the strategy's tones, or 'any' (every tone the
// org wrote no text of its own for; a tone's own text wins).
import { z } from 'zod';
import { ANY_TONE } from '../messaging/index.ts';
import { ToneSchema } from '../strategy/index.ts';

export const OrgToneSchema = z.enum([...ToneSchema.options, ANY_TONE]);

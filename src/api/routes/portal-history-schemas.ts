// The portal history's answers in pages: the first page of each kind with the cursors to the next, and a further page of one.
import { z } from 'zod';
import { portalHistorySchema as firstPages } from './portal-schemas.ts';

const cursor = z.string().nullable().meta({ description: 'the next page\'s `before` (GET /portal/api/history/{kind}), null when nothing older is left' });

/** GET /portal/api/history: the 50 newest of each kind and where each goes on. */
export const portalHistorySchema = firstPages.extend({
  next: z.object({ promises: cursor, plans: cursor, disputes: cursor }),
}).meta({ id: 'PortalHistory' });

const rows = portalHistorySchema.shape;

/** GET /portal/api/history/{kind}?before=: the rows of that kind after the cursor, newest first, and the cursor after them. */
export const portalHistoryPageSchema = z.object({
  data: z.union([rows.promises, rows.plans, rows.disputes]),
  next: cursor,
}).meta({ id: 'PortalHistoryPage' });

// Argentina pack: no national hours statute, so the tenant's hours (default Monday to Friday 09:00-19:00) and holidays.
import { holidayPredicate } from '../holidays/index.ts';
import type { Pack } from '../rules/context.ts';
import { windowRule } from '../rules/window.ts';

export const AR_PACK: Pack = {
  id: 'AR',
  rules: ({ debtor, policy }) => [
    windowRule({
      rule: 'AR-1', source: "the tenant's Argentine policy", hours: policy.argentina.hours, timeZone: debtor.timeZone,
      ...(policy.argentina.quietHolidays ? { isHoliday: holidayPredicate('AR') } : {}),
    }),
  ],
};

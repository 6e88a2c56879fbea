// Argentina pack: no national hours statute, so the tenant's hours (default Monday to Friday 09:00-19:00) and holidays.
import { holidayPredicate } from '../holidays/index.ts';
import type { Pack } from '../rules/context.ts';
import type { GatePolicy } from '../policy.ts';
import { windowsPer } from '../rules/window.ts';

const arWindow = windowsPer((argentina: GatePolicy['argentina']) => ({
  rule: 'AR-1', source: "the tenant's Argentine policy", hours: argentina.hours,
  ...(argentina.quietHolidays ? { isHoliday: holidayPredicate('AR') } : {}),
}));

export const AR_PACK: Pack = {
  id: 'AR',
  rules: ({ debtor, policy }, out) => {
    out.push(arWindow(policy.argentina, debtor.timeZone));
  },
};

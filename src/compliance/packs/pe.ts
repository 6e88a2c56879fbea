// Peru pack (Ley 29571 art. 62): Monday to Friday 07:00-20:00, never on weekends or holidays.
import { holidayPredicate } from '../holidays/index.ts';
import type { Pack } from '../rules/context.ts';
import { week, windowsByZone } from '../rules/window.ts';

export const PE_HOURS = week({ monFri: ['07:00', '20:00'] });

const peWindow = windowsByZone({ rule: 'PE-1', source: 'Ley 29571 art. 62', hours: PE_HOURS, isHoliday: holidayPredicate('PE') });

export const PE_PACK: Pack = {
  id: 'PE',
  rules: ({ debtor }, out) => {
    out.push(peWindow(debtor.timeZone));
  },
};

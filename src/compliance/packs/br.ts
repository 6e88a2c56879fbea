// Brazil pack: contact hours per state (no federal rule), closed on Sundays and national and state holidays.
import { holidayPredicate } from '../holidays/index.ts';
import type { Pack } from '../rules/context.ts';
import { week, windowRule, type WeeklyHours } from '../rules/window.ts';

/** State laws from COMPLIANCE.md BR-1 (to verify before launch). */
export const BR_STATE_HOURS: Readonly<Record<string, { law: string; hours: WeeklyHours }>> = {
  SP: { law: 'Lei 15.426/14 (SP)', hours: week({ monFri: ['08:00', '20:00'], sat: ['08:00', '14:00'] }) },
  RJ: { law: 'Lei 7.868/18 (RJ)', hours: week({ monFri: ['09:00', '19:00'] }) },
  ES: { law: 'Lei 10.626/17 (ES)', hours: week({ monFri: ['08:00', '19:00'] }) },
  CE: { law: 'Lei 16.836/19 (CE)', hours: week({ monFri: ['08:00', '18:00'] }) },
};

/** For states without a row: only the hours every listed state allows. */
export const BR_STRICTEST_HOURS = week({ monFri: ['09:00', '18:00'] });

export function brazilHasState(region: string | undefined): boolean {
  return region !== undefined && Object.prototype.hasOwnProperty.call(BR_STATE_HOURS, region);
}

export const BR_PACK: Pack = {
  id: 'BR',
  rules: ({ debtor, region }) => {
    const state = region ? BR_STATE_HOURS[region] : undefined;
    return [windowRule({
      rule: 'BR-1',
      source: state?.law ?? `the strictest Brazilian state rule (no row for ${region ?? 'the state'})`,
      hours: state?.hours ?? BR_STRICTEST_HOURS,
      timeZone: debtor.timeZone,
      isHoliday: holidayPredicate('BR', region),
    })];
  },
};

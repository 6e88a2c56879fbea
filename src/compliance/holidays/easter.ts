// Easter Sunday, shared with the business calendars.
export { easterSunday } from '../../domain/easter.ts';

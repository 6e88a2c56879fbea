// /v1/org, /v1/compliance/policy and /v1/calendars: the org's settings, its tighter contact policy and its business calendars.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { getOrg, ORG_LANGUAGES, updateOrg } from '../../orgs/index.ts';
import { addOrgHoliday, getOrgPolicy, holidaysIn, listOrgHolidays, removeOrgHoliday, setOrgPolicy } from '../../compliance/index.ts';
import { HOLIDAY_COUNTRIES, holidayRegions, regionCode } from '../../domain/holidays/index.ts';
import { fail } from '../../domain/index.ts';
import type { ApiDeps } from '../context.ts';
import { actorOf, orgOf } from '../auth.ts';
import { errorResponses, sendResult } from '../errors.ts';
import { idParams } from '../schemas.ts';
import { inTransaction } from '../tx.ts';
import { bankTransferRoutes } from './bank-transfer.ts';
import { orgLogoRoutes } from './org-logo.ts';
import { callSettingsRoutes } from './call-settings.ts';
import { replyFileSettingsRoutes } from './reply-file-settings.ts';

const orgSchema = z.object({ id: z.string(), name: z.string(), country: z.string().nullable(), default_currency: z.string(),
  default_language: z.string(), default_timezone: z.string() }).meta({ id: 'Org' });
const orgPatch = z.object({ name: z.string().trim().min(1).max(200).optional(), country: z.string().regex(/^[A-Z]{2}$/, 'a two-letter country code').nullable().optional(),
  default_currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code').optional(), default_language: z.enum(ORG_LANGUAGES).optional(),
  default_timezone: z.string().min(1).max(64).optional() });

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'HH:MM');
const day = z.tuple([clock, clock]).nullable();
const cap = z.object({ per_day: z.number().int().min(0).max(100).optional(), per_week: z.number().int().min(0).max(700).optional() });
const channels = ['call', 'sms', 'whatsapp', 'email', 'letter', 'visit'] as const;
const countryChoices = z.object({
  us: z.object({ messages_per_channel_per_day: z.number().int().min(1).max(3) })
    .meta({ description: 'US-2: messages per channel per day on channels other than calls (default 1)' }),
  co: z.object({ weekly_reading: z.enum(['strict', 'lenient']) })
    .meta({ description: 'Colombia: strict, one contact a week after the first (default); lenient, once a day and one channel a week' }),
  br: z.object({ unlisted_states: z.enum(['strictest', 'block']) })
    .meta({ description: 'Brazil: states without hours of their own get the strictest row\'s hours (default), or no contact' }),
  mx: z.object({ contact_on_weekends: z.boolean(), contact_on_holidays: z.boolean() }).meta({ description: 'Mexico: both false by default' }),
  cl: z.object({ quiet_holidays: z.boolean() }).meta({ description: 'Chile: no contact on public holidays (default true)' }),
  ar: z.object({ quiet_holidays: z.boolean() }).meta({ description: 'Argentina: no contact on public holidays (default true)' }),
  consumer_packs_for_business_debts: z.boolean().meta({ description: 'apply the consumer-protection packs to business debts too (default false)' }),
}).meta({ id: 'CountryChoices', description: 'the readings of each country\'s contact law left to the org; one looser than the default is set by admins only' });
const policyFields = {
  hours: z.array(day).length(7).meta({ description: 'allowed local hours per weekday, Monday first; null closes the day' }),
  caps: z.partialRecord(z.enum(channels), cap),
  layer_on_packs: z.boolean().meta({ description: 'apply these hours and caps also where a country\'s contact law sets its own' }),
};
const policySettings = z.object({ ...policyFields, countries: countryChoices }).meta({ id: 'OrgPolicySettings' });
const policyBody = z.object({ ...policyFields, countries: countryChoices.optional().meta({ description: 'left out: the stored readings stay' }) });
const policyView = z.object({ policy: policySettings, defaults: policySettings, quiet_holidays: z.boolean(), updated_at: z.string().nullable(),
  updated_by: z.string().nullable() }).meta({ id: 'OrgPolicy' });

const holiday = z.object({ date: z.string(), name: z.string() });
const calendarHoliday = holiday.extend({ regional: z.boolean().optional().describe('true for a day the asked region keeps beyond the national ones') });
const orgHoliday = holiday.extend({ id: z.string(), created_by: z.string(), created_at: z.string() }).meta({ id: 'OrgHoliday' });

export const settingsRoutes = (deps: ApiDeps): FastifyPluginAsyncZod => async (app) => {
  const managers = { roles: ['admin', 'manager'] as ('admin' | 'manager')[] };
  await app.register(bankTransferRoutes(deps));
  await app.register(orgLogoRoutes(deps));
  await app.register(callSettingsRoutes(deps));
  await app.register(replyFileSettingsRoutes(deps));
  app.get('/v1/org', { schema: { tags: ['org'], summary: 'The org: name, country, default currency, language and time zone', response: { 200: orgSchema, ...errorResponses } } },
    async (req) => (await getOrg(deps.db, orgOf(req)))!);
  app.patch('/v1/org', { schema: { tags: ['org'], summary: 'Change the org\'s name, country, default currency, language or time zone (audited)', body: orgPatch,
    response: { 200: orgSchema, ...errorResponses } }, config: managers },
  async (req, reply) => sendResult(reply, await inTransaction(deps.db, (tx) => updateOrg(tx, orgOf(req), actorOf(req), req.body, deps.now()))));

  const tags = ['contact law'];
  app.get('/v1/compliance/policy', { schema: { tags, summary: 'The org\'s own contact hours and caps, and cobro\'s defaults it may only tighten',
    response: { 200: policyView, ...errorResponses } } }, async (req) => getOrgPolicy(deps.db, orgOf(req)));
  app.put('/v1/compliance/policy', { schema: { tags, summary: 'Tighten the org\'s contact hours and caps (never looser than the defaults) and choose the country readings (audited)',
    body: policyBody, response: { 200: policyView, ...errorResponses } }, config: managers },
  async (req, reply) => sendResult(reply, await inTransaction(deps.db, async (tx) => {
    const countries = req.body.countries ?? (await getOrgPolicy(tx, orgOf(req))).policy.countries;
    return setOrgPolicy(tx, orgOf(req), actorOf(req), { ...req.body, countries }, deps.now(), req.auth!.role === 'admin');
  })));

  app.get('/v1/calendars', { schema: { tags: ['calendars'], summary: 'Public holidays of a country (and region) in a year, and the org\'s own quiet days',
    querystring: z.object({ country: z.string().regex(/^[A-Z]{2}$/).optional(), year: z.coerce.number().int().min(1970).max(2100).optional(),
      region: z.string().regex(/^([A-Z]{2}-)?[A-Z0-9]{1,3}$/i).optional().describe('ISO 3166-2 subdivision, "SP" or "BR-SP": adds the days that region keeps') }),
    response: { 200: z.object({ countries: z.array(z.string()), country: z.string().nullable(),
      regions: z.array(z.string()).describe('the regions of the country whose own holidays cobro keeps; any other region has the national days'),
      region: z.string().nullable(), region_kept: z.boolean().describe('whether cobro keeps days of the asked region\'s own'),
      year: z.number(), holidays: z.array(calendarHoliday), org_holidays: z.array(orgHoliday) }), ...errorResponses } } },
  async (req, reply) => {
    const org = await getOrg(deps.db, orgOf(req));
    const year = req.query.year ?? deps.now().getUTCFullYear();
    const country = req.query.country ?? org?.country ?? null;
    let region: string | null = null;
    if (req.query.region !== undefined) {
      region = country ? regionCode(country, req.query.region) ?? null : null;
      if (!region) {
        return sendResult(reply, fail('VALIDATION_FAILED', country ? `region ${req.query.region} is not a region of ${country}` : 'region needs a country', 'region'));
      }
    }
    const regions = country ? holidayRegions(country) : [];
    const kept = region !== null && regions.includes(region);
    const national = country && kept ? new Set(holidaysIn(country, year).map((h) => `${h.date}|${h.name}`)) : null;
    const holidays = country ? holidaysIn(country, year, kept ? region! : undefined).map((h) =>
      (national ? { ...h, regional: !national.has(`${h.date}|${h.name}`) } : { ...h })) : [];
    return { countries: [...HOLIDAY_COUNTRIES].sort(), country, regions: [...regions], region, region_kept: kept, year, holidays,
      org_holidays: await listOrgHolidays(deps.db, orgOf(req), year) };
  });
  app.post('/v1/calendars/org-holidays', { schema: { tags: ['calendars'], summary: 'Add a quiet day of the org\'s own (no contact on it, in any country)',
    body: z.object({ date: z.iso.date(), name: z.string().trim().min(1).max(200) }), response: { 201: orgHoliday, ...errorResponses } }, config: managers },
  async (req, reply) => sendResult(reply, await inTransaction(deps.db, (tx) => addOrgHoliday(tx, orgOf(req), actorOf(req), req.body, deps.now())), 201));
  app.delete('/v1/calendars/org-holidays/:id', { schema: { tags: ['calendars'], summary: 'Remove one of the org\'s quiet days', params: idParams,
    response: { 204: z.null(), ...errorResponses } }, config: managers },
  async (req, reply) => {
    const r = await inTransaction(deps.db, (tx) => removeOrgHoliday(tx, orgOf(req), actorOf(req), req.params.id, deps.now()));
    return r.ok ? reply.code(204).send(null) : sendResult(reply, r);
  });
};

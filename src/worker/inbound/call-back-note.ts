// The note of a missed call's "call back" task, written from its structured form (the task's `detail`): the language the
// task was opened in (the org's default language) and each missed attempt. A later attempt is added to the form and the
// whole note written again, so every line is in the task's language whatever the org's setting says by then. No number
// is written: a customer's is on their record, an unknown caller's in the task's sealed `caller` column.
import { isNoteForm, newNoteForm, writeNote, type Language, type NoteForm } from '../../messaging/index.ts';

/**
 * Why the call counts as missed: nobody answered it, the caller hung up before using the menu, asked for a person and there
 * was none (or the person did not answer), was put through and a voicemail answered, was put through and how that ended
 * never came, or was put through and the person who answered (a human, as answering machine detection heard) did not press 1.
 */
export type MissedReason = 'not_answered' | 'hung_up' | 'no_person' | 'voicemail' | 'no_outcome' | 'not_accepted';

export interface MissedAttempt {
  call_sid: string;
  /** The instant the call was found missed (ISO) and the zone it is written in (the customer's, else the org's). */
  at: string;
  zone: string;
  reason: MissedReason;
  /** Twilio's status: the call's CallStatus, or the put-through's DialCallStatus. */
  status: string;
  /** The caller's number was withheld. */
  hidden: boolean;
  /** A known customer with no open case: the task is the org's, so its note names them. */
  customer_id?: string;
}

export type CallBackDetail = NoteForm<'call_back', { attempts: MissedAttempt[] }>;

interface NoteWords { head: string; line: (when: string, hidden: boolean, said: string, status: string) => string; customer: (id: string) => string;
  said: Record<MissedReason, string>; locale: string }

const WORDS: Readonly<Record<Language, NoteWords>> = {
  en: {
    head: 'Call back', locale: 'en-US', customer: (id) => `Customer ${id}.`,
    line: (when, hidden, said, status) => `a call${hidden ? ' from a hidden number' : ''} on ${when} ${said} (${status}).`,
    said: { not_answered: 'was not answered', hung_up: 'ended before the caller used the menu', no_person: 'asked for a person, and no one was available',
      voicemail: 'was put through to a person, and their voicemail answered', no_outcome: 'was put through to a person, and cobro never learned whether they answered',
      not_accepted: 'was put through to a person, who answered but did not press 1 to take it' },
  },
  es: {
    head: 'Devolver la llamada', locale: 'es-419', customer: (id) => `Cliente ${id}.`,
    line: (when, hidden, said, status) => `una llamada${hidden ? ' de un número oculto' : ''} el ${when} ${said} (${status}).`,
    said: { not_answered: 'no fue contestada', hung_up: 'terminó antes de que la persona usara el menú', no_person: 'pidió hablar con una persona y no había nadie disponible',
      voicemail: 'fue transferida a una persona y contestó su buzón de voz', no_outcome: 'fue transferida a una persona y cobro nunca supo si contestó',
      not_accepted: 'fue transferida a una persona que contestó pero no marcó 1 para atenderla' },
  },
  'pt-BR': {
    head: 'Retornar a ligação', locale: 'pt-BR', customer: (id) => `Cliente ${id}.`,
    line: (when, hidden, said, status) => `uma ligação${hidden ? ' de um número oculto' : ''} em ${when} ${said} (${status}).`,
    said: { not_answered: 'não foi atendida', hung_up: 'terminou antes de a pessoa usar o menu', no_person: 'pediu para falar com uma pessoa e não havia ninguém disponível',
      voicemail: 'foi transferida para uma pessoa e a caixa postal atendeu', no_outcome: 'foi transferida para uma pessoa e o cobro nunca soube se ela atendeu',
      not_accepted: 'foi transferida para uma pessoa que atendeu mas não digitou 1 para aceitá-la' },
  },
};

/** At most this many attempts are kept in the form (the note is cut at 4,000 characters anyway). */
const KEPT = 50;

/** One attempt as a line of the note, in `language`: its date and time in its zone. */
export function attemptLine(language: Language, a: MissedAttempt): string {
  const w = WORDS[language];
  const when = new Intl.DateTimeFormat(w.locale, { dateStyle: 'short', timeStyle: 'short', timeZone: a.zone }).format(new Date(a.at));
  const line = w.line(when, a.hidden, w.said[a.reason], a.status);
  return a.customer_id ? `${line} ${w.customer(a.customer_id)}` : line;
}

/** The whole note: the heading, then one line per attempt. */
export function callBackNote(d: CallBackDetail): string {
  return writeNote(WORDS, d, (w) => `${w.head}: ${d.attempts.map((a) => attemptLine(d.language, a)).join('\n')}`, 4000);
}

/** A new task's form, in the org's language (en when it has none of the three). */
export function newCallBack(orgLanguage: string | null | undefined, first: MissedAttempt): CallBackDetail {
  return newNoteForm('call_back', orgLanguage, { attempts: [first] });
}

/** The form with one more attempt, in the language it already has; null for a task opened before forms were kept. */
export function noteAgain(d: unknown, next: MissedAttempt): CallBackDetail | null {
  if (!isCallBack(d)) return null;
  return { ...d, attempts: d.attempts.length >= KEPT ? d.attempts : [...d.attempts, next] };
}

function isCallBack(d: unknown): d is CallBackDetail {
  return isNoteForm(d, 'call_back') && Array.isArray((d as { attempts?: unknown }).attempts);
}

// A note for the org's people (a task's) kept as a structured form beside it (`tasks.detail`) and written from that form:
// the form holds the language the note was first written in (the org's default language, English when it has none of the
// shipped ones), so writing the note again after a change keeps it in that language whatever the org's setting says by then.
import { resolveLanguage } from './locale.ts';
import { LANGUAGES, type Language } from './types.ts';

/** A form of `kind`: the language its note is written in, and the data it is written from. */
export type NoteForm<K extends string, D extends object> = { kind: K; language: Language } & D;

/** A new form of `kind` in the org's default language. */
export function newNoteForm<K extends string, D extends object>(kind: K, orgLanguage: string | null | undefined, data: D): NoteForm<K, D> {
  return { ...data, kind, language: resolveLanguage(undefined, orgLanguage ?? undefined) };
}

/** Whether a stored form is one of `kind` in a shipped language (a task opened before forms were kept has none). */
export function isNoteForm<K extends string>(d: unknown, kind: K): d is { kind: K; language: Language } {
  const o = d as { kind?: unknown; language?: unknown } | null;
  return !!o && typeof o === 'object' && o.kind === kind && (LANGUAGES as readonly unknown[]).includes(o.language);
}

/** The form's note: `write` given the words of the form's language, cut at `max` characters. */
export function writeNote<W, F extends { language: Language }>(words: Readonly<Record<Language, W>>, form: F, write: (w: W, form: F) => string, max: number): string {
  return write(words[form.language], form).slice(0, max);
}

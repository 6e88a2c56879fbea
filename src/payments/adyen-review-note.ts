// The note of the review task a Settlement details report made again with other lines opens, written from its structured
// form (the task's `detail`, src/messaging/note-form.ts) in the org's default language: the file, its report and the
// batches whose lines differ from what cobro kept.
import { newNoteForm, writeNote, type Language, type NoteForm } from '../messaging/index.ts';

export type ChangedReportForm = NoteForm<'adyen_settlement_changed', { report_id: string; filename: string | null; changed: string[] }>;

type Words = (file: string, id: string, batches: string) => string;

const WORDS: Readonly<Record<Language, Words>> = {
  en: (file, id, batches) => `Adyen's settlement details report ${file} (${id}) shows batch ${batches} with other lines than the report cobro `
    + 'imported before: cobro kept the batch as first imported and changed nothing. Compare both files in the Customer Area; if Adyen '
    + 'corrected the batch, settle the difference by hand.',
  es: (file, id, batches) => `El informe de liquidación de Adyen (Settlement details) ${file} (${id}) trae el lote ${batches} con otras líneas que el `
    + 'informe que cobro importó antes: cobro dejó el lote como se importó la primera vez y no cambió nada. Compare ambos archivos en el '
    + 'Customer Area; si Adyen corrigió el lote, concilie la diferencia a mano.',
  'pt-BR': (file, id, batches) => `O relatório de liquidação da Adyen (Settlement details) ${file} (${id}) traz o lote ${batches} com outras linhas que o `
    + 'relatório que o cobro importou antes: o cobro manteve o lote como foi importado da primeira vez e não alterou nada. Compare os dois '
    + 'arquivos na Customer Area; se a Adyen corrigiu o lote, acerte a diferença manualmente.',
};

/** The form, in the org's language (English when it has none of the three). */
export function changedReportForm(orgLanguage: string | null | undefined, r: { id: string; filename: string | null; changed: string[] }): ChangedReportForm {
  return newNoteForm('adyen_settlement_changed', orgLanguage, { report_id: r.id, filename: r.filename, changed: r.changed });
}

/** The note, in the form's language. */
export function changedReportNote(f: ChangedReportForm): string {
  return writeNote(WORDS, f, (w) => w(f.filename ?? f.report_id, f.report_id, f.changed.join(', ')), 1000);
}

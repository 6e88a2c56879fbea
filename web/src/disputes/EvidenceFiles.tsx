// The files of a dispute's evidence draft: those saved (each removable), those chosen and not saved yet, and a picker
// that reads a PDF, PNG or JPEG into base64 for the next save, in one of the gateway's slots.
import { useState } from 'react';
import { useT } from '../i18n/index.tsx';
import { fileBase64 } from '../app/file-base64.ts';

export interface NewFile { slot: string; filename: string; content_type: string; data_base64: string }

export function EvidenceFiles({ files, added, slots, onRemove, onAdd, onDrop }: {
  files: { id: string; slot: string; filename: string; size: number }[]; added: NewFile[]; slots: string[];
  onRemove: (id: string) => void; onAdd: (f: NewFile) => void; onDrop: (i: number) => void;
}) {
  const { t } = useT();
  const [slot, setSlot] = useState('');
  return (
    <>
      <h3>{t('ev.files')}</h3>
      <ul data-testid="ev-files">
        {files.map((f) => (
          <li key={f.id}>{f.slot}: {f.filename} <button type="button" className="chip" onClick={() => onRemove(f.id)}>{t('ev.remove')}</button></li>
        ))}
        {added.map((f, i) => (
          <li key={`new-${i}`}>{f.slot}: {f.filename} <em className="muted small">{t('ev.unsaved')}</em> <button type="button" className="chip" onClick={() => onDrop(i)}>{t('ev.remove')}</button></li>
        ))}
        {files.length + added.length === 0 ? <li className="muted">{t('ev.noFiles')}</li> : null}
      </ul>
      <p>
        <label htmlFor="ev-file-slot">{t('ev.slot')}</label>{' '}
        <select id="ev-file-slot" value={slot} onChange={(e) => setSlot(e.target.value)}>
          <option value="">{t('ev.chooseSlot')}</option>
          {slots.map((s) => <option key={s} value={s}>{s}</option>)}
        </select>{' '}
        <label htmlFor="ev-file" className="inline">{t('ev.addFile')}</label>{' '}
        <input id="ev-file" type="file" accept="application/pdf,image/png,image/jpeg" disabled={!slot}
          onChange={(e) => {
            const file = e.target.files?.[0];
            const input = e.target;
            if (!file || !slot) return;
            void fileBase64(file).then((data) => { onAdd({ slot, filename: file.name, content_type: file.type, data_base64: data }); input.value = ''; });
          }} />
      </p>
    </>
  );
}

// The call-back task's note, written from its form: in the language the task was opened in, each attempt's time in its
// zone, a hidden number and a customer without an open case said in that language, and no number anywhere.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { callBackNote, newCallBack, noteAgain, type MissedAttempt } from './call-back-note.ts';

const anAttempt = (over: Partial<MissedAttempt> = {}): MissedAttempt =>
  ({ call_sid: 'CA1', at: '2026-03-10T17:00:00Z', zone: 'America/Mexico_City', reason: 'not_answered', status: 'no-answer', hidden: false, ...over });

describe('the call-back note', () => {
  it('is written in the org\'s language, falling back to English for one cobro does not speak', () => {
    assert.equal(callBackNote(newCallBack('es', anAttempt())), 'Devolver la llamada: una llamada el 10/3/26, 11:00 a.m. no fue contestada (no-answer).');
    assert.equal(callBackNote(newCallBack('pt-BR', anAttempt({ zone: 'America/Sao_Paulo', reason: 'hung_up', status: 'completed' }))),
      'Retornar a ligação: uma ligação em 10/03/2026, 14:00 terminou antes de a pessoa usar o menu (completed).');
    assert.equal(callBackNote(newCallBack('fr', anAttempt({ reason: 'no_person', hidden: true, customer_id: 'cus_1' }))),
      'Call back: a call from a hidden number on 3/10/26, 11:00 AM asked for a person, and no one was available (no-answer). Customer cus_1.');
  });

  it('says a person who answered a put-through but did not press 1 in each language', () => {
    const notTaken = anAttempt({ reason: 'not_accepted', status: 'completed' });
    assert.equal(callBackNote(newCallBack('en', notTaken)), 'Call back: a call on 3/10/26, 11:00 AM was put through to a person, who answered but did not press 1 to take it (completed).');
    assert.equal(callBackNote(newCallBack('es', notTaken)),
      'Devolver la llamada: una llamada el 10/3/26, 11:00 a.m. fue transferida a una persona que contestó pero no marcó 1 para atenderla (completed).');
    assert.equal(callBackNote(newCallBack('pt-BR', notTaken)),
      'Retornar a ligação: uma ligação em 10/03/2026, 11:00 foi transferida para uma pessoa que atendeu mas não digitou 1 para aceitá-la (completed).');
  });

  it('adds a later attempt in the language the task was opened in, and leaves a task without a form to the caller', () => {
    const again = noteAgain(newCallBack('pt-BR', anAttempt()), anAttempt({ call_sid: 'CA2', status: 'busy', hidden: true }));
    assert.ok(again);
    assert.deepEqual(callBackNote(again).split('\n'), ['Retornar a ligação: uma ligação em 10/03/2026, 11:00 não foi atendida (no-answer).',
      'uma ligação de um número oculto em 10/03/2026, 11:00 não foi atendida (busy).']);
    assert.equal(noteAgain(null, anAttempt()), null);
    assert.equal(noteAgain({ kind: 'call_back', language: 'de', attempts: [] }, anAttempt()), null);
  });
});

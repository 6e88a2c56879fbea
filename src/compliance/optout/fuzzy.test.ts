// Misspelt refusals read deterministically: every slip of a refusal word is read as the refusal, ordinary words near one are not.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { detectOptOut } from './detect.ts';
import { correctRefusalWords, editDistance, refusalWordFor } from './fuzzy.ts';

const reads = (text: string) => {
  const d = detectOptOut(text, { channel: 'whatsapp' });
  return d.kind === 'opt_out' ? d.scopes.map((s) => (s.kind === 'all' ? 'all' : s.channel)).join(' ') : d.kind;
};

/** One slip of the fingers inside a word (never its first letter): a letter dropped, doubled, or swapped with the next. */
function slips(word: string): string[] {
  const out = new Set<string>();
  for (let i = 1; i < word.length; i++) {
    out.add(word.slice(0, i) + word.slice(i + 1));
    out.add(word.slice(0, i) + word[i] + word.slice(i));
    if (i < word.length - 1) out.add(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2));
  }
  out.delete(word);
  return [...out];
}

describe('misspelt refusals (US-12)', () => {
  const table: Array<[string, string]> = [
    ['stoop it', 'whatsapp'], ['Stpo texting me', 'sms'], ['plese stop calilng me', 'call'], ['STOPP', 'whatsapp'],
    ['dejen de lamarme', 'call'], ['no me escrivan mas', 'whatsapp'], ['dejen de yamarme', 'none'],
    ['paarem de me ligar', 'call'], ['parem de me ligr', 'call'], ['não me mandme mais mensagens', 'whatsapp'],
  ];
  for (const [text, want] of table) it(`reads "${text}" as ${want}`, () => assert.equal(reads(text), want));

  // property: every slip of a refusal word that leaves four letters or more, in a sentence that refuses with it, still refuses
  // ("sop", "sto" are too short to tell from other words and are not read)
  const sentences: Array<[string, string, string]> = [
    ['stop', 'please {} texting me', 'sms'], ['texting', 'stop {} me', 'sms'], ['calling', 'stop {} me', 'call'],
    ['unsubscribe', '{} me', 'whatsapp'], ['llamarme', 'dejen de {}', 'call'], ['escriban', 'no me {} más', 'whatsapp'],
    ['mensajes', 'no quiero recibir {}', 'whatsapp'], ['parem', '{} de me ligar', 'call'], ['liguem', 'não me {} mais', 'call'],
    ['mensagens', 'não quero mais receber {}', 'whatsapp'], ['descadastrar', 'quero me {}', 'whatsapp'],
  ];
  for (const [word, sentence, want] of sentences) {
    it(`reads every single slip of "${word}" in "${sentence.replace('{}', word)}" as a refusal of ${want}`, () => {
      const wrong = slips(word).filter((s) => s.length >= 4).map((s) => sentence.replace('{}', s)).filter((t) => reads(t) !== want);
      assert.deepEqual(wrong, []);
    });
  }
});

describe('near misses are not refusals', () => {
  const innocent = [
    'stop by the office tomorrow', 'I will stop by', 'para mañana', 'pago para mañana', 'parar de pagar?', 'quiero parar los intereses',
    'my parent calls me every day', 'is this a contract?', 'the content of the message', 'I am testing the link', 'step by step',
    'Ele não me incomodou', 'parei de receber o boleto', 'chegou a mensagem', 'chego amanhã', 'deixei o pagamento pra sexta', 'a pasta do boleto',
    'el mensaje llegó', 'te mando el pago', 'no dejan de subir los intereses', 'quanto tempo para pagar?', 'can I pay part of it?',
  ];
  for (const text of innocent) it(`finds no refusal in "${text}"`, () => assert.equal(reads(text), 'none'));

  it('leaves ordinary words one edit from a refusal word as they are', () => {
    for (const w of ['para', 'pagar', 'step', 'shop', 'contract', 'testing', 'parent', 'dejan', 'parei', 'chegou', 'lugar', 'content']) {
      assert.equal(refusalWordFor(w), undefined, w);
    }
  });
  it('does not touch short words, first letters or words two edits away', () => {
    assert.equal(refusalWordFor('stp'), undefined);
    assert.equal(refusalWordFor('xtop'), undefined);
    assert.equal(refusalWordFor('stoped'), undefined);
    assert.equal(correctRefusalWords('I will pay on Friday'), undefined);
  });
});

describe('editDistance', () => {
  it('counts a swap of neighbours as one edit and stops past the bound', () => {
    assert.equal(editDistance('stpo', 'stop', 1), 1);
    assert.equal(editDistance('paarem', 'parem', 1), 1);
    assert.equal(editDistance('kitten', 'sitting', 3), 3);
    assert.equal(editDistance('abcdef', 'uvwxyz', 1), 2);
  });
});

// "No soy X" checked against the debtor's names: X one of them is a wrong party (someone else holds the number); X someone
// else entirely is a name_mismatch for a person to look at, and nothing is suppressed.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { detectOptOut } from './detect.ts';
import { nameWords, namesDebtor } from './names.ts';

const SMS = { channel: 'sms' as const, address: '+5215512340012' };
const readAs = (text: string, debtorNames: string[]) => {
  const d = detectOptOut(text, { ...SMS, debtorNames });
  return d.kind === 'name_mismatch' ? `name_mismatch ${d.name}` : d.kind;
};

describe('"no soy X" against the debtor\'s name', () => {
  const table: Array<[string, string[], string]> = [
    // X names the debtor (first name, surname, accents and case aside): whoever answered is not the debtor
    ["I'm not John", ['John Smith'], 'wrong_party'],
    ['I am not Mr Smith', ['John Smith'], 'wrong_party'],
    ['no soy Juan', ['Juan Pérez'], 'wrong_party'],
    ['No soy María', ['MARIA JOSÉ LÓPEZ'], 'wrong_party'],
    ['no soy el señor Gonzales', ['Luis González'], 'wrong_party'],
    ['Eu não sou o João', ['João da Silva'], 'wrong_party'],
    ['não sou a Ana', ['Ferragens Lima Ltda', 'Ana Paula Lima'], 'wrong_party'],
    // X is someone else: maybe a reply about another person, so a person looks
    ["I'm not Peter", ['Mary Jones'], 'name_mismatch peter'],
    ['no soy Pedro', ['María López'], 'name_mismatch pedro'],
    ['Hola, no soy Pedro Ramírez', ['María López'], 'name_mismatch pedro ramirez'],
    ['não sou o Carlos', ['Ana Souza'], 'name_mismatch carlos'],
    // a phrase says more than a name, and "no soy el titular" names no one
    ['no soy Pedro, número equivocado', ['María López'], 'wrong_party'],
    ['no soy el titular', ['María López'], 'wrong_party'],
    ['wrong number', ['Mary Jones'], 'wrong_party'],
    // a refusal from whoever holds the address still counts
    ['no soy Pedro, dejen de escribirme', ['María López'], 'opt_out'],
    // no name known: read as before
    ['no soy Pedro', [], 'wrong_party'],
  ];
  for (const [text, names, want] of table) it(`reads "${text}" to ${JSON.stringify(names)} as ${want}`, () => assert.equal(readAs(text, names), want));

  it('keeps only the words of a name that name someone', () => {
    assert.deepEqual([...nameWords(['María de los Ángeles Pérez', 'Ferretería Luna S.A. de C.V.'])], ['maria', 'angeles', 'perez', 'ferreteria', 'luna']);
  });

  it('takes one slip in a name of five letters or more, none in a shorter one', () => {
    const debtor = nameWords(['Luis González', 'Ana Ruiz']);
    assert.equal(namesDebtor(['gonzales'], debtor), true);
    assert.equal(namesDebtor(['luiz'], debtor), false);
    assert.equal(namesDebtor(['ana'], debtor), true);
  });
});

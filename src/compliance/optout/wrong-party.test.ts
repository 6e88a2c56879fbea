// A wrong person's answer: read in en / es / pt-BR as wrong_party at the address it came from, never as the debtor's revocation.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { detectOptOut } from './detect.ts';

const SMS = { channel: 'sms' as const, address: '+5215512340012' };
const kindOf = (text: string) => detectOptOut(text, SMS).kind;

describe('wrong party answers', () => {
  const wrong = [
    'wrong number', 'Sorry, wrong number', 'you have the wrong person', 'please remove this number', 'Remove this number from your list, wrong person',
    'I am not Ana', "I'm not Carlos Pérez", 'I do not know who that is', 'never heard of her', 'he does not live here',
    'número equivocado', 'se equivocaron de número', 'no soy María', 'Yo no soy Ana, borren este número', 'no conozco a esa persona', 'ya no vive aquí',
    'número errado', 'Eu não sou o João', 'é engano', 'vocês erraram o número', 'apaguem esse número', 'não conheço essa pessoa', 'ele não mora mais aqui',
    'wrong number, stop texting me',
  ];
  for (const text of wrong) it(`reads "${text}" as a wrong party`, () => assert.equal(kindOf(text), 'wrong_party'));

  it('reaches only the address it came from, with what was said', () => {
    assert.deepEqual(detectOptOut('Wrong number!', SMS), { kind: 'wrong_party', scope: { kind: 'address', channel: 'sms', address: '+5215512340012' }, matched: 'wrong number' });
  });

  const notWrong: Array<[string, string]> = [
    ['I am not paying this', 'none'], ["I'm not sure", 'none'], ['no soy responsable de esa deuda', 'none'], ['não sou obrigado a pagar', 'none'],
    ['this is not correct', 'none'], ['this is not my debt', 'none'], ['I sent the payment to the wrong number', 'none'],
    ['transferi para o número errado, e agora?', 'none'], ['what is the number to call?', 'none'], ['mi número cambió, el nuevo es 5512345678', 'none'],
    ['take my number off your list', 'opt_out'], ['quiten mi número de su lista', 'opt_out'],
  ];
  for (const [text, want] of notWrong) it(`reads "${text}" as ${want}, not a wrong party`, () => assert.equal(kindOf(text), want));
});

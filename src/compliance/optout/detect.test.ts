// Opt-out detection (SMS-1 keywords and US-12 free-text revocation, rows 4, 14 and 29 of §8).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decideAt, aDebtor, aChannel } from '../fixtures.ts';
import type { ChannelKind, OptOutScope } from '../types.ts';
import { detectOptOut, suppressionsFor } from './detect.ts';

const SMS = { channel: 'sms' as const, address: '+13125550100' };
const WA = { channel: 'whatsapp' as const };
const onThisNumber: OptOutScope = { kind: 'address', channel: 'sms', address: '+13125550100' };
const only = (channel: ChannelKind): OptOutScope => ({ kind: 'channel', channel });

describe('SMS-1 single keywords', () => {
  const table: Array<[string, OptOutScope]> = [
    [' stop ', onThisNumber], ['STOP', onThisNumber], ['StopAll', { kind: 'all' }], ['optout', onThisNumber],
    ['Unsubscribe', onThisNumber], ['cancel', onThisNumber], ['END', onThisNumber], ['quit', onThisNumber],
    ['revoke', onThisNumber], ['BAJA', onThisNumber], ['Parar', onThisNumber], ['pare', onThisNumber], ['SAIR', onThisNumber],
  ];
  for (const [text, scope] of table) {
    it(`SMS-1 suppresses on "${text}"`, () => {
      assert.deepEqual(detectOptOut(text, SMS), { kind: 'opt_out', scopes: [scope], matched: text.trim().toLowerCase(), rule: 'SMS-1' });
    });
  }
  it('SMS-1 re-subscribes on "START"', () => assert.deepEqual(detectOptOut('START', SMS), { kind: 'opt_in', scope: onThisNumber, matched: 'start' }));
  it('SMS-1 re-subscribes on "unstop"', () => assert.equal(detectOptOut('unstop', SMS).kind, 'opt_in'));
  it('SMS-1 answers "HELP" and "info" as help', () => {
    assert.equal(detectOptOut('HELP', SMS).kind, 'help');
    assert.equal(detectOptOut(' info', SMS).kind, 'help');
  });
  it('SMS-1 does not read "start paying soon" as an opt-in', () => assert.equal(detectOptOut('start paying soon', SMS).kind, 'none'));
});

describe('US-12 free-text revocation', () => {
  const table: Array<[string, { channel: ChannelKind; address?: string }, OptOutScope[]]> = [
    ['please stop texting', SMS, [only('sms')]],
    ['Please STOP texting me!!', WA, [only('sms')]],
    ['No texts', WA, [only('sms')]],
    ['no más', WA, [only('whatsapp')]],
    ['No mas por favor', SMS, [only('sms')]],
    ['stop calling me and stop emailing me', SMS, [only('call'), only('email')]],
    ["don't contact me again", SMS, [{ kind: 'all' }]],
    ['Leave me alone', WA, [{ kind: 'all' }]],
    ['stop contacting me by email', SMS, [only('email')]],
    ['I want to opt out', WA, [only('whatsapp')]],
    ['dejen de llamarme', WA, [only('call')]],
    ['No me escriban más por WhatsApp', SMS, [only('whatsapp')]],
    ['quiero darme de baja', WA, [only('whatsapp')]],
    ['Não quero mais receber mensagens', WA, [only('whatsapp')]],
    ['parem de me ligar', WA, [only('call')]],
    ['não me mandem e-mail', WA, [only('email')]],
    ['Chega!', SMS, [only('sms')]],
  ];
  for (const [text, received, scopes] of table) {
    it(`US-12 reads "${text}" as an opt-out of ${scopes.map((s) => (s.kind === 'channel' ? s.channel : s.kind)).join(' and ')}`, () => {
      const d = detectOptOut(text, received);
      assert.equal(d.kind, 'opt_out');
      if (d.kind === 'opt_out') {
        assert.deepEqual(d.scopes, scopes);
        assert.equal(d.rule, 'US-12');
      }
    });
  }
  for (const text of ['I will pay on Friday', 'Can I pay in two parts?', 'Vou pagar amanhã', '¿Me puedes mandar el link?']) {
    it(`US-12 finds no opt-out in "${text}"`, () => assert.equal(detectOptOut(text, WA).kind, 'none'));
  }

  it('US-12 suppresses at once: the next SMS is blocked and email still allowed', () => {
    const at = new Date('2026-04-07T17:00:00Z');
    const debtor = aDebtor({ suppressions: suppressionsFor(detectOptOut('please stop texting', SMS), at) });
    const later = new Date(at.getTime() + 1000);
    assert.equal(decideAt(later, { debtor }).kind, 'block');
    assert.equal(decideAt(later, { debtor, channel: aChannel('email') }).kind, 'allow');
  });
});

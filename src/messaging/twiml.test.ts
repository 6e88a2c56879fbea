// TwiML for calls: the debtor's language and voice, the Gather that takes a key or speech, and escaping of what is said.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { callVoice, dialXml, gatherXml, HANGUP_XML, sayXml, twimlDocument } from './twiml.ts';
import { answerKeypress } from './voice.ts';
import { packFor } from './templates/index.ts';

describe('TwiML for calls', () => {
  it('speaks and listens in the debtor\'s locale, with a voice of that locale or of the language\'s usual one', () => {
    assert.deepEqual(callVoice('es', 'es-MX'), { say: 'es-MX', voice: 'Polly.Mia', listen: 'es-MX' });
    assert.deepEqual(callVoice('es', 'es-CL'), { say: 'es-MX', voice: 'Polly.Mia', listen: 'es-CL' });
    assert.deepEqual(callVoice('es', 'es-419'), { say: 'es-MX', voice: 'Polly.Mia', listen: 'es-MX' });
    assert.deepEqual(callVoice('pt-BR', 'pt-BR'), { say: 'pt-BR', voice: 'Polly.Camila', listen: 'pt-BR' });
    assert.deepEqual(callVoice('en', 'en-GB'), { say: 'en-GB', voice: 'Polly.Amy', listen: 'en-GB' });
    // a locale of another language (a Spanish speaker whose formatting locale is English) is not used
    assert.deepEqual(callVoice('es', 'en-US'), { say: 'es-MX', voice: 'Polly.Mia', listen: 'es-MX' });
  });

  it('escapes what is said and where the answer is posted', () => {
    const v = callVoice('en', 'en-US');
    assert.equal(sayXml('Tom & Jerry <owe> "$5"', v), '<Say language="en-US" voice="Polly.Joanna">Tom &amp; Jerry &lt;owe&gt; &quot;$5&quot;</Say>');
    const g = gatherXml({ action: 'https://cobro.example/webhooks/twilio/org_1/gather?a=1&b="2"', voice: v, inner: '' });
    assert.match(g, /action="https:\/\/cobro\.example\/webhooks\/twilio\/org_1\/gather\?a=1&amp;b=&quot;2&quot;"/);
    assert.equal(dialXml('+1 555 <0100>'), '<Dial>+1 555 &lt;0100&gt;</Dial>');
    assert.equal(dialXml('+525555550000', { action: 'https://cobro.example/webhooks/twilio/org_1/dialed?a=1&b=2', timeoutS: 20 }),
      '<Dial action="https://cobro.example/webhooks/twilio/org_1/dialed?a=1&amp;b=2" method="POST" timeout="20">'
      + '<Number url="https://cobro.example/webhooks/twilio/org_1/dialed?a=1&amp;b=2" method="POST">+525555550000</Number></Dial>', 'the answered leg is screened at the same URL');
    assert.equal(dialXml('+525555550000', { action: 'https://c.example/d', timeoutS: 20, machineDetectionS: 8 }),
      '<Dial action="https://c.example/d" method="POST" timeout="20"><Number url="https://c.example/d" method="POST" machineDetection="Enable" '
      + 'machineDetectionTimeout="8" amdStatusCallback="https://c.example/d" amdStatusCallbackMethod="POST">+525555550000</Number></Dial>',
    'the org\'s answering machine detection: its verdict posted to the same URL');
  });

  it('gathers a key or speech in the debtor\'s locale, ending at the first pause, posted to cobro', () => {
    const g = gatherXml({ action: 'https://c.example/g', voice: callVoice('es', 'es-MX'), inner: '<Say>x</Say>', timeoutS: 6 });
    const attrs = Object.fromEntries([...(/^<Gather ([^>]*)>/.exec(g)?.[1] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    assert.deepEqual(attrs, { input: 'dtmf speech', numDigits: '1', timeout: '6', language: 'es-MX', speechTimeout: 'auto', speechModel: 'phone_call',
      action: 'https://c.example/g', method: 'POST' });
    assert.ok(g.endsWith('<Say>x</Say></Gather>'));
    assert.equal(twimlDocument(g, HANGUP_XML), `<?xml version="1.0" encoding="UTF-8"?><Response>${g}<Hangup/></Response>`);
  });

  it('repeats the menu after an unknown key with a Gather that also takes speech', () => {
    const a = answerKeypress('7', packFor('pt-BR'), { gatherUrl: 'https://c.example/g', locale: 'pt-BR' });
    assert.equal(a.action, 'repeat_menu');
    assert.match(a.twiml, /<Gather input="dtmf speech"[^>]*language="pt-BR"[^>]*><Say language="pt-BR" voice="Polly.Camila">[^<]*digite 1[^<]*Ou diga/);
  });
});

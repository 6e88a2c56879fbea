// The optional LLM rewording the agent's answers, against a local OpenAI-compatible fake: a wording that keeps every
// fact is what gets queued; one that invents an amount, or an endpoint that fails, leaves the built-in answer, and the
// turn's detail says which.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Queryable } from '../src/db/index.ts';
import { newId } from '../src/domain/ids.ts';
import { phraseWithLlm, queueAgentTurn, runAgentTurns, setAgentSettings } from '../src/agent/index.ts';
import { testApi, type TestApi } from './support/api.ts';
import { aDebtor } from './support/messaging.ts';
import { fakeLlm } from './support/fake-llm.ts';

const now = new Date('2026-03-10T17:00:00Z');
let api: TestApi;
before(async () => { api = await testApi(() => now); });
after(async () => { await api.close(); });

async function aReply(db: Queryable, org: string, customerId: string, text: string, from: string): Promise<void> {
  const id = newId('inboundMessage', now.getTime());
  await db.query(`INSERT INTO inbound_messages (id, org_id, customer_id, channel, provider, provider_message_id, from_address, text, received_at, created_at)
    VALUES ($1, $2, $3, 'sms', 'twilio', $1, $4, $5, $6, $6)`, [id, org, customerId, from, text, now]);
  await queueAgentTurn(db, org, { inboundId: id, customerId, channel: 'sms' }, now);
}

const reading = JSON.stringify({ intent: 'balance_inquiry', confidence: 0.95, language: 'es', dates: [], amounts: [], instalments: [] });

describe('the LLM rewording answers', () => {
  it('queues a wording that keeps every fact; keeps the built-in answer when the wording invents one', async () => {
    let rewordings = 0;
    const llm = await fakeLlm((draft, user) => {
      if (user['task'] !== 'reword') return { content: reading };
      rewordings++;
      return { content: JSON.stringify({ text: rewordings === 1 ? `Con gusto le ayudo. ${draft}` : `${draft} Si paga hoy, solo MX$1,000.00.` }) };
    });
    try {
      assert.ok((await setAgentSettings(api.db, api.org, 'test', { enabled: true, use_llm: true }, now)).ok);
      const texts: string[] = [];
      for (const phone of ['+5215500000011', '+5215500000012']) {
        const d = await aDebtor(api.db, api.org, { phone }, ['sms']);
        await aReply(api.db, api.org, d.customer.id, 'cuanto debo?', phone);
        await runAgentTurns(api.db, api.org, now, { llm: { ...llm.cfg, phrase: true } });
        const [turn] = await api.db.query<{ detail: string; reply_message_id: string | null }>('SELECT detail, reply_message_id FROM agent_turns WHERE customer_id = $1', [d.customer.id]);
        assert.ok(turn?.reply_message_id, `an answer is queued (${turn?.detail})`);
        const [m] = await api.db.query<{ text: string }>(`SELECT content->'agent'->>'text' AS text FROM messages WHERE id = $1`, [turn.reply_message_id]);
        texts.push(m!.text);
        if (texts.length === 1) assert.match(turn.detail, /worded by the LLM/);
        else assert.match(turn.detail, /LLM wording not used: .*added "MX\$1,000\.00"/);
      }
      assert.match(texts[0]!, /^Con gusto le ayudo\. .*asistente/i, 'the first wording kept every fact and was queued');
      assert.match(texts[0]!, /1,500/);
      assert.doesNotMatch(texts[1]!, /1,000/, 'the invented amount never reaches the outbox');
      assert.match(texts[1]!, /1,500/);
      assert.equal(rewordings, 2);
    } finally {
      await setAgentSettings(api.db, api.org, 'test', { use_llm: false }, now);
      await llm.close();
    }
  });

  it('keeps the draft when the endpoint fails or answers something that is not a wording', async () => {
    const answers = [{ status: 500, content: '{}' }, { content: 'sure, here you go' }, { content: JSON.stringify({ words: 'x' }) }];
    let n = 0;
    const llm = await fakeLlm(() => answers[n++]!);
    try {
      for (const expected of [/answered 500/, /not JSON/, /no text/]) {
        const r = await phraseWithLlm(llm.cfg, 'Your balance is $10.00 (automated assistant)', { language: 'en', channel: 'sms', keep: ['(automated assistant)'] });
        assert.equal(r.text, 'Your balance is $10.00 (automated assistant)');
        assert.match(r.error ?? '', expected);
      }
    } finally { await llm.close(); }
  });
});

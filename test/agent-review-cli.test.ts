// `cobro agent settings|decisions|handovers|correct|corrections` on an embedded database holding one handed-over reply,
// and `cobro agent understand --llm` against a local OpenAI-compatible endpoint named in the configuration.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from '../src/db/index.ts';
import { newId } from '../src/domain/ids.ts';
import { createOrg } from '../src/orgs/index.ts';
import { queueAgentTurn, runAgentTurns, setAgentSettings } from '../src/agent/index.ts';
import { aDebtor } from './support/debtor.ts';
import { cobroSession, type CliSession } from './support/cli.ts';
import { pgliteFolder } from './support/pglite-folder.ts';

// the commands run one after another in one kept process (test/support/cli.ts), each with its own command line, env,
// output and exit code
const session: CliSession = await cobroSession();
const now = new Date('2026-03-10T17:00:00Z');

describe('the agent review commands', () => {
  let dir = '';
  let replyId = '';
  let llm: Server;
  let llmUrl = '';
  const env = (extra: Record<string, string> = {}) => ({ ...process.env, COBRO_DATA_DIR: join(dir, 'data'), COBRO_DEMO: '0', DATABASE_URL: '', ...extra });
  const cobro = async (...args: string[]) => (await session.run(args, env())).stdout;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cobro-agent-review-')); await pgliteFolder(join(dir, 'data'));
    const db = await openDb({ dataDir: join(dir, 'data') });
    try {
      const org = (await createOrg(db, { name: 'Luna', country: 'MX', defaultCurrency: 'MXN', defaultTimezone: 'America/Mexico_City' })).id;
      await setAgentSettings(db, org, 'test', { enabled: true }, now);
      const d = await aDebtor(db, org, { phone: '+5215500000011' });
      replyId = newId('inboundMessage', now.getTime());
      await db.query(`INSERT INTO inbound_messages (id, org_id, customer_id, channel, provider, provider_message_id, from_address, text, received_at, created_at)
        VALUES ($1, $2, $3, 'sms', 'twilio', $1, '+5215500000011', 'necesito hablar con alguien de ustedes', $4, $4)`, [replyId, org, d.customer.id, now]);
      await queueAgentTurn(db, org, { inboundId: replyId, customerId: d.customer.id, channel: 'sms' }, now);
      await runAgentTurns(db, org, now);
    } finally { await db.close(); }
    llm = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ choices: [{ message: { role: 'assistant', content: JSON.stringify({ intent: 'request_extension', confidence: 0.9, language: 'es',
          dates: [{ text: 'el 20', date: '2026-03-20' }], amounts: [], instalments: [] }) } }] }));
      });
    });
    await new Promise<void>((r) => llm.listen(0, '127.0.0.1', r));
    llmUrl = `http://127.0.0.1:${(llm.address() as AddressInfo).port}/v1`;
  });
  after(async () => { await session.close(); await new Promise<void>((r) => llm.close(() => r())); rmSync(dir, { recursive: true, force: true }); });

  it('shows and changes the settings', async () => {
    assert.deepEqual(JSON.parse(await cobro('agent', 'settings', '--off', '--threshold', '0.65', '--json')), { enabled: false, confidence_threshold: 0.65, use_llm: false, claim_hold_days: 5 });
    assert.match(await cobro('agent', 'settings', '--on', '--llm'), /^agent on · hands over below confidence 0\.65 · LLM allowed, but none is configured/);
    await assert.rejects(cobro('agent', 'settings', '--threshold', '1.5'), (e: { stderr: string }) => /confidence between 0 and 1/.test(e.stderr));
  });

  it('lists the decision and the handover queue with its summary', async () => {
    const [decision] = JSON.parse(await cobro('agent', 'decisions', '--json'));
    assert.deepEqual([decision.inbound_id, decision.intent, decision.action], [replyId, 'talk_to_human', 'handed_over']);
    const text = await cobro('agent', 'handovers');
    assert.match(text, /high · open · Customer \d+/);
    assert.match(text, /Asked to talk to a person: the debtor asked for a person\./);
    assert.match(text, /"necesito hablar con alguien de ustedes"/);
  });

  it('corrects an understood intent and exports the corrections as JSONL', async () => {
    const fixed = JSON.parse(await cobro('agent', 'correct', replyId, '--intent', 'talk_to_human', '--note', 'right, but check', '--json'));
    assert.deepEqual([fixed.understood_intent, fixed.intent], ['talk_to_human', 'talk_to_human']);
    await cobro('agent', 'correct', replyId, '--intent', 'request_link');
    assert.deepEqual((await cobro('agent', 'corrections', '--jsonl')).trim().split('\n').map((l) => JSON.parse(l)),
      [{ text: 'necesito hablar con alguien de ustedes', intent: 'request_link', language: 'es', understood: 'talk_to_human' }], 'the latest correction of a reply wins');
    await assert.rejects(cobro('agent', 'correct', replyId, '--intent', 'pay_now'), (e: { stderr: string }) => /one of request_link/.test(e.stderr));
  });

  it('asks the configured LLM with --llm, and says when none is configured', async () => {
    const { stdout } = await session.run(['agent', 'understand', 'me dan chance hasta el 20?', '--tz', 'America/Mexico_City', '--now', '2026-03-10T17:00:00Z',
      '--llm', '--json'], env({ COBRO_LLM_BASE_URL: llmUrl, COBRO_LLM_MODEL: 'tiny' }));
    const u = JSON.parse(stdout);
    assert.deepEqual([u.intent, u.decided_by, u.entities.dates[0].date], ['request_extension', 'llm', '2026-03-20']);
    await assert.rejects(cobro('agent', 'understand', 'hola', '--llm'), (e: { stderr: string }) => /no LLM is configured/.test(e.stderr));
  });
});

// A local OpenAI-compatible chat-completions endpoint for the agent's optional LLM: it records each request (key, model,
// messages) and answers what the test's function returns for the user message (its `message`, or its `draft` when cobro
// asks for a rewording).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LlmConfig } from '../../src/agent/index.ts';

export interface FakeLlmRequest { authorization: string | undefined; body: { model: string; messages: { role: string; content: string }[] } }

export async function fakeLlm(answer: (message: string, user: Record<string, unknown>) => { status?: number; content: string }) {
  const requests: FakeLlmRequest[] = [];
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => { raw += c.toString('utf8'); });
    req.on('end', () => {
      const body = JSON.parse(raw) as FakeLlmRequest['body'];
      requests.push({ authorization: req.headers.authorization, body });
      if (req.url !== '/v1/chat/completions' || req.method !== 'POST') { res.writeHead(404).end(); return; }
      const user = JSON.parse(body.messages.find((m) => m.role === 'user')?.content ?? '{}') as Record<string, unknown>;
      const a = answer(String(user['message'] ?? user['draft'] ?? ''), user);
      res.writeHead(a.status ?? 200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion', model: body.model, choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: a.content } }] }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const cfg: LlmConfig = { baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, model: 'tiny-test-model', apiKey: 'sk-test-key', timeoutMs: 5000 };
  return { cfg, requests, close: () => new Promise<void>((r) => server.close(() => r())) };
}

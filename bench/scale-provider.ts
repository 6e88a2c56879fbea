// One process of the scale bench's provider: the loopback Twilio fake, started by the bench as a cluster worker so
// several such processes answer on one port (real providers do not run on the worker's cores). It says where it
// listens, answers 'numbers' with the To of every request it accepted (the bench counts sends per number across all
// of them), and stops on 'close'. With latencyMs, each request is answered that long after it arrived.
import { fakeTwilio } from '../test/support/providers/twilio.ts';

export interface ScaleProviderArgs { accountSid: string; authToken: string; latencyMs?: number }
export type ScaleProviderReply = { url: string } | { numbers: string[] };

const args = JSON.parse(process.argv[2] ?? '{}') as ScaleProviderArgs;
const fake = await fakeTwilio(args);
process.send?.({ url: fake.url } satisfies ScaleProviderReply);
process.on('message', async (m) => {
  if (m === 'numbers') process.send?.({ numbers: fake.accepted.map((a) => String(a['To'])) } satisfies ScaleProviderReply);
  if (m === 'close') {
    await fake.close();
    process.disconnect?.();
  }
});

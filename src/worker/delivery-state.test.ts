import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { nextDeliveryState } from './delivery-state.ts';

describe('delivery reports moving a message', () => {
  const cases: [string, Parameters<typeof nextDeliveryState>[1], string, string | null][] = [
    ['sent', 'delivered', 'sms', 'delivered'],
    ['delivered', 'read', 'whatsapp', 'read'],
    ['delivered', 'sent', 'sms', null], // a late "sent" after "delivered"
    ['read', 'delivered', 'whatsapp', null],
    ['sent', 'failed', 'sms', 'failed'],
    ['sent', 'bounced', 'email', 'bounced'],
    ['delivered', 'bounced', 'email', 'bounced'], // accepted by the receiving server, bounced later
    ['delivered', 'failed', 'sms', null],
    ['read', 'bounced', 'email', null],
    ['failed', 'delivered', 'sms', null], // failures are final
    ['bounced', 'read', 'email', null],
    ['uncertain', 'delivered', 'email', 'delivered'], // the provider proves an uncertain send went out
    ['blocked', 'delivered', 'sms', null],
    ['sending', 'sent', 'sms', null],
  ];
  for (const [from, report, channel, to] of cases) {
    it(`${from} + ${report} (${channel}) -> ${to ?? 'unchanged'}`, () => assert.equal(nextDeliveryState(from, report, channel), to));
  }
});

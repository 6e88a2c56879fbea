// Delivery status notifications read as RFC 3464 writes them: the recipient's action and status decide what the message becomes.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readDeliveryReport, reportOutcome } from './dsn.ts';

function dsn(recipientBlock: string, returned = 'Content-Type: message/rfc822\n\nMessage-ID: <abc@sol.example>\nX-Cobro-Action: act_01\nSubject: x\n\nHola') {
  return ['Content-Type: multipart/report; report-type=delivery-status; boundary="b"', '', '--b', 'Content-Type: text/plain', '', 'Sorry.', '--b',
    'Content-Type: message/delivery-status', '', 'Reporting-MTA: dns; mx.example', '', recipientBlock, '', '--b', returned, '--b--', ''].join('\r\n');
}

describe('readDeliveryReport and reportOutcome', () => {
  it('reads a 5.x.x failure as a hard bounce, naming the returned message and cobro\'s action', () => {
    const r = readDeliveryReport(dsn('Final-Recipient: rfc822; Gone@Cliente.example\nAction: failed\nStatus: 5.1.1\nDiagnostic-Code: smtp;\n 550 User unknown'), 'b');
    assert.deepEqual(r, { recipients: [{ action: 'failed', recipient: 'gone@cliente.example', status: '5.1.1', diagnostic: 'smtp; 550 User unknown' }],
      original: { messageIds: ['<abc@sol.example>'], actionId: 'act_01' } });
    assert.deepEqual(reportOutcome(r!), { state: 'bounced', permanent: true, code: 'HARD_BOUNCE', message: '5.1.1 smtp; 550 User unknown' });
  });

  it('reads a 4.x.x failure as temporary, a delay as nothing yet, a delivery as delivered', () => {
    assert.equal(reportOutcome(readDeliveryReport(dsn('Final-Recipient: rfc822; a@b.example\nAction: failed\nStatus: 4.2.2'), 'b')!).state, 'failed');
    const delayed = reportOutcome(readDeliveryReport(dsn('Final-Recipient: rfc822; a@b.example\nAction: delayed\nStatus: 4.4.7'), 'b')!);
    assert.deepEqual(delayed, { state: null, note: 'delayed (4.4.7): the mail system is still trying' });
    assert.equal(reportOutcome(readDeliveryReport(dsn('Final-Recipient: rfc822; a@b.example\nAction: delivered\nStatus: 2.0.0'), 'b')!).state, 'delivered');
  });

  it('takes the returned headers alone (text/rfc822-headers), and says null for a report without a delivery-status part', () => {
    const r = readDeliveryReport(dsn('Action: failed\nStatus: 5.0.0', 'Content-Type: text/rfc822-headers\n\nMessage-ID: <h@sol.example>\nIn-Reply-To: <p@x.example>'), 'b');
    assert.deepEqual(r?.original, { messageIds: ['<h@sol.example>', '<p@x.example>'] });
    assert.equal(readDeliveryReport('Content-Type: multipart/report; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nhi\r\n--b--', 'b'), null);
  });
});

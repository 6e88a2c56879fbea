// The portal chat stream's cursor as text: written and read back, refused when it is not one (a line's id, a snapshot
// PostgreSQL would refuse), and cut to its lower bound when the snapshot lists too many transactions to fit.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chatCursorText, lineSnapshot, parseChatCursor } from './chat-lines.ts';

describe('the chat stream\'s cursor', () => {
  it('reads back what it wrote', () => {
    for (const c of [{ seq: 42n, snapshot: '754:760:755,757' }, { seq: 0n, snapshot: '9:9:' }, { seq: 7n, snapshot: null }]) {
      assert.deepEqual(parseChatCursor(chatCursorText(c)), c);
    }
  });

  it('refuses a line\'s id and snapshots out of order or range', () => {
    for (const text of ['cha_01km5w8zj00092d70x3ytb', '@1:2:', 'x@1:2:', '5@9:3:', '5@3:9:2', '5@3:9:9', '5@3:9:6,5', '5@3:9:4,4', '5@3:9:a', `5@${'1'.repeat(300)}`]) {
      assert.equal(parseChatCursor(text), null, text);
    }
  });

  it('keeps only the oldest transaction in flight when the snapshot is too long, so that nothing is skipped', () => {
    const xip = Array.from({ length: 40 }, (_, i) => 1_000_000 + i * 2).join(',');
    const text = chatCursorText({ seq: 9n, snapshot: `1000000:2000000:${xip}` });
    assert.equal(text, '9@1000000:1000000:');
    assert.deepEqual(parseChatCursor(text), { seq: 9n, snapshot: '1000000:1000000:' });
  });

  it('takes a line\'s own transaction as seen in the snapshot it was recorded under, and the ones between as in flight', () => {
    // PostgreSQL's snapshot inside the line's transaction leaves it out: at or past xmax, or (older ones) not listed
    assert.equal(lineSnapshot('4320:4320:', 4321n), '4320:4322:4320');
    assert.equal(lineSnapshot('4320:4321:', 4321n), '4320:4322:');
    assert.equal(lineSnapshot('100:110:103,105', 104n), '100:110:103,105');
    assert.equal(lineSnapshot('100:110:103,104,105', 104n), '100:110:103,105');
    assert.equal(lineSnapshot('100:110:103', 99n), '100:110:103');
    // too far past xmax to list the ones between: as recorded (only a whole chat again, never a line skipped)
    assert.equal(lineSnapshot('100:100:', 1000n), '100:100:');
    assert.equal(lineSnapshot('not a snapshot', 5n), 'not a snapshot');
  });
});

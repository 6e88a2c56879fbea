// Stable assignment of customers to an experiment's arms: a hash of experiment id and customer id, never stored.
import { createHash } from 'node:crypto';

export type Arm = 'champion' | 'challenger';

/** A number in [0, 1) from SHA-256 of `experiment:customer`: the same customer always lands in the same arm. */
export function bucketOf(experimentId: string, customerId: string): number {
  const h = createHash('sha256').update(`${experimentId}:${customerId}`).digest();
  return h.readUInt32BE(0) / 0x1_0000_0000;
}

/** The challenger takes the customers whose bucket falls below its share. */
export function armOf(experimentId: string, customerId: string, share: number): Arm {
  return bucketOf(experimentId, customerId) < share ? 'challenger' : 'champion';
}

// Keyed hashes of emails and numbers, so an erased person's addresses can be refused without keeping them.
import { createHmac } from 'node:crypto';
import type { Queryable } from '../../db/index.ts';
import { secret } from '../../db/secrets.ts';
import { normaliseAddress } from '../rules/records.ts';

export function addressHash(key: string, orgId: string, address: string): string {
  return createHmac('sha256', key).update(`${orgId}\n${normaliseAddress(address)}`).digest('hex');
}

export async function addressHashKey(q: Queryable): Promise<string> {
  return secret(q, 'address-hash');
}

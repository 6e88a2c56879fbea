// scrypt's cost for password hashes: production's, and the rule that only node's test runner may hash at less.
import { UNDER_TEST_RUNNER } from '../config.ts';
export interface PasswordCost { N: number; r: number; p: number }

/**
 * N=2^15, r=8, p=1: about 32 MiB and 50-200 ms of CPU a hash. Every hash is stored with the cost it was made at
 * (`scrypt$N$r$p$...`), so verifying reads the cost from the hash and a later, higher cost applies to new hashes only.
 */
export const PASSWORD_COST: Readonly<PasswordCost> = Object.freeze({ N: 32768, r: 8, p: 1 });


/**
 * The cost to hash at: production's unless one is given. One below production's in any parameter (the test harnesses
 * pass a cheap one through the dependencies they build, so a sign-in costs a few ms) is refused outside node's test runner.
 */
export function passwordCost(given: PasswordCost | undefined, underTestRunner = UNDER_TEST_RUNNER): PasswordCost {
  if (!given) return PASSWORD_COST;
  const weaker = given.N < PASSWORD_COST.N || given.r < PASSWORD_COST.r || given.p < PASSWORD_COST.p;
  if (weaker && !underTestRunner) {
    throw new Error(`password hash cost N=${given.N}, r=${given.r}, p=${given.p} is below N=${PASSWORD_COST.N}, r=${PASSWORD_COST.r}, p=${PASSWORD_COST.p}: only tests may hash at less`);
  }
  return given;
}

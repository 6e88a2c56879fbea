// The fault suite's PostgreSQL restarts: runs of suite.ts against a throwaway cluster (pg-cluster.ts) that is restarted
// with pg_ctl when the worker is mid-tick and mid-dispatch (fast and immediate), so the shared server is never touched.
// Throws when the cluster cannot be made here, naming why.
import { startCluster } from './pg-cluster.ts';
import { faultSuite, type SuiteOptions, type SuiteResult } from './suite.ts';

export async function restartSuite(o: Omit<SuiteOptions, 'databaseUrl' | 'restart' | 'keep'>): Promise<SuiteResult & { cluster: string }> {
  const cluster = await startCluster();
  try {
    o.log?.(`throwaway PostgreSQL: ${cluster.describe}`);
    const r = await faultSuite({ ...o, databaseUrl: cluster.url, restart: (mode) => cluster.restart(mode) });
    return { ...r, cluster: cluster.describe };
  } finally {
    await cluster.remove();
  }
}

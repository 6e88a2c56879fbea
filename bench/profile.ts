// A CPU profile of this process over one piece of a bench (node:inspector), written where asked: unlike `node
// --cpu-prof`, it leaves out the seeding and the other runs, so self time by function is the measured run's.
import { Session } from 'node:inspector/promises';
import { writeFileSync } from 'node:fs';

/** Runs fn, profiling this process meanwhile when `file` is given (written as a .cpuprofile for DevTools or a script). */
export async function profiled<T>(file: string | undefined, fn: () => Promise<T>): Promise<T> {
  if (!file) return fn();
  const session = new Session();
  session.connect();
  // a file named .heapprofile gets the allocations instead (sampled, the ones collected since included)
  const heap = file.endsWith('.heapprofile');
  if (heap) {
    await session.post('HeapProfiler.enable');
    await session.post('HeapProfiler.startSampling', { samplingInterval: 16384, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true } as never);
  } else {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 200 });
    await session.post('Profiler.start');
  }
  try {
    return await fn();
  } finally {
    const { profile } = heap ? await session.post('HeapProfiler.stopSampling') : await session.post('Profiler.stop');
    writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
  }
}

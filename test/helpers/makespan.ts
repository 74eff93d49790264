import { listIdleWorkers, simulateListSchedule } from '../../engine/schedule/list-schedule.js';
import { clampWorkers } from '../../protocol/limits.js';

/** The makespan of list scheduling the jobs in the given order on `workers` idle workers (a NaN or negative estimate counts as 0). */
export function simulateMakespan(jobs: readonly { estimateMs: number }[], workers: number): number {
  const durations = jobs.map((job) => (Number.isNaN(job.estimateMs) ? 0 : Math.max(0, job.estimateMs)));
  return simulateListSchedule(listIdleWorkers(clampWorkers(workers)), durations);
}

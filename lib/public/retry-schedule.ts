/**
 * How long the public catalog waits before asking an unreachable database again:
 * doubling from `firstMs` after each consecutive failure, never more than `maxMs`,
 * so an outage costs one failed round trip per delay instead of one per request,
 * and recovery is noticed within `maxMs` of the database answering again.
 */
export interface RetrySchedule {
  firstMs: number;
  maxMs: number;
}

export function retryDelayMs(schedule: RetrySchedule, consecutiveFailures: number): number {
  if (consecutiveFailures <= 0) return 0;
  // 2 ** 30 already exceeds any sensible cap; stop there so the number stays finite.
  const factor = 2 ** Math.min(consecutiveFailures - 1, 30);
  return Math.min(schedule.maxMs, schedule.firstMs * factor);
}

import { RateLimiterRes } from "rate-limiter-flexible";

export type LimitDecision = { allowed: true } | { allowed: false; msBeforeNext: number };

const ALLOWED: LimitDecision = Object.freeze({ allowed: true });

/** What a BatchedLimiter needs from the shared counter (a ResilientLimiter). */
export interface SharedCounter {
  readonly points: number;
  consume(key: string, points: number): Promise<RateLimiterRes>;
}

interface Slot {
  /** Points this instance reserved in the shared counter and has not handed out yet. */
  left: number;
  /** When the shared window those points belong to ends (ms since the epoch, this instance's clock). */
  until: number;
  /** The shared counter is spent for that window: once `left` is 0, refuse until `until`. */
  spent: boolean;
  pending: Promise<void> | null;
  /** Requests for this key waiting on `pending` right now: the next reservation is made big enough for them. */
  waiting: number;
}

/**
 * A per-key limit shared through a store without a store round trip per request.
 *
 * Each instance reserves points from the shared counter `batch` at a time per key (one atomic
 * increment of `batch`) and hands them out locally until they run out or the shared window ends.
 * The reservation that crosses the limit gets only what was left below it, and from then on the
 * instance refuses that key from memory until the window ends, without asking the store again.
 *
 * The guarantee, for every key and every window of the shared counter:
 *  - all instances together admit at most `points` (never more: every admitted request spends a
 *    point that was counted in the store before it was admitted, and points are only used within
 *    the window they were counted in);
 *  - a client that keeps calling is refused early by at most the points other instances hold
 *    reserved and unused: at most (N − 1) × (batch − 1) with N instances (0 with one instance);
 *  - a refused client costs nothing until the window ends.
 * While the store is unreachable the counter underneath counts in this instance's memory, so each
 * instance enforces the limit alone (up to N × points in all).
 */
export class BatchedLimiter {
  readonly batch: number;
  private readonly slots = new Map<string, Slot>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly counter: SharedCounter,
    batch: number,
  ) {
    this.batch = Math.max(1, Math.min(Math.floor(batch), counter.points));
    this.sweeper = setInterval(() => this.sweep(), 10_000);
    this.sweeper.unref();
  }

  async take(key: string): Promise<LimitDecision> {
    let unusable = 0;
    for (;;) {
      const slot = this.slots.get(key);
      const now = Date.now();
      if (slot && slot.until > now) {
        if (slot.left > 0) {
          slot.left -= 1;
          return ALLOWED;
        }
        if (slot.spent) return { allowed: false, msBeforeNext: slot.until - now };
      }
      if (slot?.pending) {
        // Another request for this key is reserving: share what it gets (it keeps one point for itself).
        slot.waiting += 1;
        await slot.pending;
        slot.waiting -= 1;
        continue;
      }
      const outcome = await this.reserve(key, slot);
      if (outcome === "mine") return ALLOWED;
      if (outcome === "unusable" && ++unusable === 3) {
        // Three reservations in a row came back with their window already over: something is wrong
        // with the clock or the store; refuse briefly rather than admit an uncounted request.
        return { allowed: false, msBeforeNext: 1000 };
      }
      // "spent": the next round answers from the slot.
    }
  }

  /**
   * One atomic increment of `batch` in the shared counter. The caller keeps the first granted point
   * ("mine"), so a request that reserves always makes progress however many wait on it.
   */
  private reserve(key: string, existing: Slot | undefined): Promise<"mine" | "spent" | "unusable"> {
    const slot: Slot = existing ?? { left: 0, until: 0, spent: false, pending: null, waiting: 0 };
    if (!existing) this.slots.set(key, slot);
    // Requests already queued for this key will each take a point the moment this reservation
    // lands: counting them in keeps one store round trip per batch (not per request) under a burst,
    // and leaves no more unused than `batch - 1` behind.
    const size = Math.min(this.batch + slot.waiting, Math.max(this.batch, this.counter.points));
    const reservation = (async () => {
      let result: RateLimiterRes;
      let rejected = false;
      try {
        result = await this.counter.consume(key, size);
      } catch (error) {
        if (!(error instanceof RateLimiterRes)) throw error;
        result = error;
        rejected = true;
      }
      const points = this.counter.points;
      const before = result.consumedPoints - size;
      // Points at or below the limit in this increment are this instance's, and only this instance's.
      const granted = rejected && result.consumedPoints <= points ? 0 : Math.max(0, Math.min(size, points - before));
      const now = Date.now();
      slot.until = now + Math.max(0, result.msBeforeNext);
      slot.spent = rejected || result.consumedPoints >= points;
      if (slot.until <= now) {
        slot.left = 0;
        return "unusable" as const;
      }
      slot.left = Math.max(0, granted - 1);
      return granted > 0 ? ("mine" as const) : ("spent" as const);
    })();
    const pending = reservation.then(
      () => undefined,
      () => undefined,
    );
    slot.pending = pending;
    return reservation.finally(() => {
      if (slot.pending === pending) slot.pending = null;
    });
  }

  /** Keys tracked now (for tests and metrics). */
  get size(): number {
    return this.slots.size;
  }

  private sweep() {
    const now = Date.now();
    for (const [key, slot] of this.slots) if (slot.until <= now && !slot.pending) this.slots.delete(key);
  }

  close() {
    clearInterval(this.sweeper);
    this.slots.clear();
  }
}

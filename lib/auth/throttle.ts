import { RateLimiterRes } from "rate-limiter-flexible";
import { sharedLimiter } from "@/lib/limits/instance";
import type { ResilientLimiter } from "@/lib/limits/resilient";
import type { LimiterOptions } from "@/lib/limits/store";

/**
 * Password sign-in throttling, after OWASP's authentication guidance: limit guessing without
 * letting anyone who knows an e-mail lock its owner out.
 *
 *  1. Per (account, address): `perAccountAddress` failures, then that address waits `blockSeconds`
 *     before it may try that account again. Tight, and it only ever stops the address that failed.
 *  2. Per account: after `accountBackoffAfter` failures from any addresses within
 *     `accountWindowSeconds`, addresses that have already failed on the account get one attempt per
 *     delay, doubling with every further failure (`backoffBaseSeconds` up to `backoffMaxSeconds`).
 *     An address that has not failed on the account is not slowed: the person with the right
 *     password from their own address gets in while others guess.
 *  3. Per address (spraying one password over many accounts): `perAddress` failures over all
 *     accounts, then the address waits `blockSeconds`.
 *
 * Attempts are counted before the password is checked (one atomic increment per counter) and given
 * back on success, or when the account backoff refuses them before any guess, so parallel attempts
 * cannot slip past a limit between check and count. The counters live in the shared store
 * (PostgreSQL or Redis), so every instance sees the same ones.
 */
export interface SignInThrottleOptions {
  windowSeconds: number;
  perAccountAddress: number;
  perAddress: number;
  blockSeconds: number;
  accountWindowSeconds: number;
  accountBackoffAfter: number;
  backoffBaseSeconds: number;
  backoffMaxSeconds: number;
}

export const SIGN_IN_THROTTLE: SignInThrottleOptions = {
  windowSeconds: 15 * 60,
  perAccountAddress: 5,
  perAddress: 50,
  blockSeconds: 15 * 60,
  accountWindowSeconds: 60 * 60,
  accountBackoffAfter: 10,
  backoffBaseSeconds: 1,
  backoffMaxSeconds: 15 * 60,
};

export type ThrottleScope = "account_address" | "address" | "account";

export type AttemptGate =
  | { allowed: true; fresh: boolean }
  | {
      allowed: false;
      scope: ThrottleScope;
      retryAfterSeconds: number;
      /** This refusal is the one that started the block: audit it (and no other). */
      startsBlock: boolean;
    };

/** Seconds an address that already failed on an account waits, after `failures` failures on it. */
export function backoffSeconds(failures: number, options: SignInThrottleOptions = SIGN_IN_THROTTLE): number {
  if (failures < options.accountBackoffAfter) return 0;
  const exponent = Math.min(failures - options.accountBackoffAfter, 30);
  return Math.min(options.backoffBaseSeconds * 2 ** exponent, options.backoffMaxSeconds);
}

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

export class SignInThrottle {
  private readonly address: ResilientLimiter;
  private readonly pair: ResilientLimiter;
  private readonly account: ResilientLimiter;
  private readonly gate: ResilientLimiter;

  constructor(
    limiter: (options: LimiterOptions) => ResilientLimiter = sharedLimiter,
    readonly options: SignInThrottleOptions = SIGN_IN_THROTTLE,
  ) {
    this.address = limiter({ keyPrefix: "signin-address", points: options.perAddress, duration: options.windowSeconds, blockDuration: options.blockSeconds });
    this.pair = limiter({ keyPrefix: "signin-pair", points: options.perAccountAddress, duration: options.windowSeconds, blockDuration: options.blockSeconds });
    this.account = limiter({ keyPrefix: "signin-account", points: options.accountBackoffAfter, duration: options.accountWindowSeconds });
    // One attempt per backoff delay; each record's own duration is the delay when it was created.
    this.gate = limiter({ keyPrefix: "signin-backoff", points: 1, duration: options.backoffBaseSeconds });
  }

  private static pairKey(email: string, address: string) {
    // An address never contains "|", so the key is unambiguous whatever the e-mail holds.
    return `${address}|${email}`;
  }

  /** Counts the attempt and says whether it may go on to the password check. */
  async begin(email: string, address: string): Promise<AttemptGate> {
    const byAddress = await attempt(this.address.consume(address));
    if (byAddress.rejected) {
      return { allowed: false, scope: "address", retryAfterSeconds: seconds(byAddress.res.msBeforeNext), startsBlock: byAddress.res.consumedPoints === this.options.perAddress + 1 };
    }
    const byPair = await attempt(this.pair.consume(SignInThrottle.pairKey(email, address)));
    if (byPair.rejected) {
      return { allowed: false, scope: "account_address", retryAfterSeconds: seconds(byPair.res.msBeforeNext), startsBlock: byPair.res.consumedPoints === this.options.perAccountAddress + 1 };
    }
    // This address has not failed on this account (in the window): never slowed by the account rule.
    const fresh = byPair.res.consumedPoints === 1;
    if (!fresh) {
      const failures = (await this.account.get(email))?.consumedPoints ?? 0;
      const delay = backoffSeconds(failures, this.options);
      if (delay > 0) {
        const slot = await attempt(this.gate.consume(email, 1, { customDuration: delay }));
        if (slot.rejected) {
          // Nothing was guessed: give the attempt back, so that a person who mistyped and retries
          // while others attack the account is never held longer than their own failure lasts.
          await Promise.all([this.pair.reward(SignInThrottle.pairKey(email, address), 1), this.address.reward(address, 1)]);
          return { allowed: false, scope: "account", retryAfterSeconds: seconds(slot.res.msBeforeNext), startsBlock: false };
        }
      }
    }
    return { allowed: true, fresh };
  }

  /** The password was right: this attempt was not a failure. */
  async succeeded(email: string, address: string): Promise<void> {
    await Promise.all([this.pair.delete(SignInThrottle.pairKey(email, address)), this.giveBack(address)]);
  }

  /**
   * The password was wrong (or the account unknown or deactivated: counted alike). Returns whether
   * this failure is the one that switched the account's backoff on (audit it once).
   */
  async failed(email: string): Promise<{ accountFailures: number; backoffStarts: boolean }> {
    const res = await this.account.penalty(email, 1);
    return { accountFailures: res.consumedPoints, backoffStarts: res.consumedPoints === this.options.accountBackoffAfter };
  }

  private async giveBack(address: string) {
    // Only into a window that is still open: a reward into an expired key would start a new
    // window below zero, a free extra attempt.
    const current = await this.address.get(address);
    if (current && current.consumedPoints > 0 && current.msBeforeNext > 1000) await this.address.reward(address, 1);
  }
}

async function attempt(call: Promise<RateLimiterRes>): Promise<{ rejected: boolean; res: RateLimiterRes }> {
  try {
    return { rejected: false, res: await call };
  } catch (error) {
    if (error instanceof RateLimiterRes) return { rejected: true, res: error };
    throw error;
  }
}

const globalForThrottle = globalThis as unknown as { triageSignInThrottle?: SignInThrottle };

/** This process's sign-in throttle, counting in the shared store. */
export function signInThrottle(): SignInThrottle {
  globalForThrottle.triageSignInThrottle ??= new SignInThrottle();
  return globalForThrottle.triageSignInThrottle;
}

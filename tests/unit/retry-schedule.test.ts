import { describe, expect, it } from "vitest";
import { retryDelayMs } from "@/lib/public/retry-schedule";

describe("retryDelayMs", () => {
  it("doubles from the first delay after each consecutive failure and stops at the cap", () => {
    const schedule = { firstMs: 500, maxMs: 30_000 };
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8].map((failures) => retryDelayMs(schedule, failures))).toEqual([0, 500, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
  });

  it("stays finite however long the outage lasts", () => {
    expect(retryDelayMs({ firstMs: 500, maxMs: 30_000 }, 10_000)).toBe(30_000);
  });
});

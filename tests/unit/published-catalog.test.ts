import { describe, expect, it } from "vitest";
import { makeBody, PublishedCatalog, type CatalogSnapshot, type CatalogSource } from "@/lib/public/catalog";

/**
 * The cache logic of PublishedCatalog on its own: a source whose loads the test
 * releases by hand, so "a reload that read the database before a publication
 * committed finishes after the publishing instance invalidated" happens every
 * time instead of once in a while (it made e2e/review.spec.ts flaky).
 */
function snapshot(serial: number): CatalogSnapshot {
  return { serial: BigInt(serial), ruleSets: new Map(), list: makeBody({ ruleSets: [] }, `"list-${serial}"`) };
}

function gatedSource() {
  let serial = 1;
  const pending: Array<() => void> = [];
  const source: CatalogSource = {
    readSerial: async () => BigInt(serial),
    load: () => {
      const readSerial = serial; // what the database said when the read began
      return new Promise((resolve) => pending.push(() => resolve(snapshot(readSerial))));
    },
    loadVersion: async () => null,
  };
  return {
    source,
    publish: () => serial++,
    release: () => pending.shift()!(),
    get waiting() {
      return pending.length;
    },
  };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("PublishedCatalog", () => {
  it("does not keep a reload that began before an invalidation", async () => {
    const gate = gatedSource();
    const catalog = new PublishedCatalog(gate.source, 60_000);
    const early = catalog.get(); // starts reading serial 1
    await tick();
    gate.publish(); // the publication commits...
    catalog.invalidate(); // ...and this instance drops its copy
    const late = catalog.get(); // must not join the stale read
    await tick();
    expect(gate.waiting).toBe(2);
    gate.release();
    gate.release();
    expect((await early).serial).toBe(1n);
    expect((await late).serial).toBe(2n);
    // The stale result was not cached: within the interval, the fresh one is served.
    expect((await catalog.get()).serial).toBe(2n);
  });

  it("shares one reload between concurrent requests and serves it until the interval ends", async () => {
    const gate = gatedSource();
    let now = 0;
    const catalog = new PublishedCatalog(gate.source, 1_000, () => now);
    const a = catalog.get();
    const b = catalog.get();
    await tick();
    expect(gate.waiting).toBe(1);
    gate.release();
    expect(await a).toBe(await b);
    gate.publish();
    now = 999;
    expect((await catalog.get()).serial).toBe(1n); // no database round trip inside the interval
    now = 1_000;
    const next = catalog.get();
    await tick();
    gate.release();
    expect((await next).serial).toBe(2n); // the serial moved: reloaded
  });
});

/** A source the test can cut, as a database outage would: every call rejects while `down`. */
function cuttableSource() {
  const state = { serial: 1, down: false, calls: 0 };
  const fail = () => Promise.reject(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }));
  const source: CatalogSource = {
    readSerial: () => (state.calls++, state.down ? fail() : Promise.resolve(BigInt(state.serial))),
    load: () => (state.calls++, state.down ? fail() : Promise.resolve(snapshot(state.serial))),
    loadVersion: async () => null,
  };
  return { state, source };
}

function recordingLog() {
  const lines: string[] = [];
  return { lines, log: { warn: (line: string) => lines.push(`warn ${line}`), info: (line: string) => lines.push(`info ${line}`) } };
}

describe("PublishedCatalog during a database outage", () => {
  it("serves the last good catalog, backs off, logs the outage and the recovery once each", async () => {
    const { state, source } = cuttableSource();
    const { lines, log } = recordingLog();
    let now = 0;
    const catalog = new PublishedCatalog(source, { checkIntervalMs: 100, now: () => now, retry: { firstMs: 1_000, maxMs: 4_000 }, log });
    expect((await catalog.get()).serial).toBe(1n);
    state.down = true;
    now = 100;
    const callsBefore = state.calls;
    expect((await catalog.get()).serial).toBe(1n); // the check fails: the old catalog answers
    expect(state.calls).toBe(callsBefore + 1);
    expect(catalog.status()).toMatchObject({ databaseAnswered: false, stale: true, serial: 1n });
    now = 1_099; // inside the first delay: no round trip at all
    await catalog.get();
    expect(state.calls).toBe(callsBefore + 1);
    now = 1_100; // 1 s after the failure: second attempt, then 2 s, then 4 s, then capped at 4 s
    await catalog.get();
    now = 3_099;
    await catalog.get();
    expect(state.calls).toBe(callsBefore + 2);
    now = 3_100;
    await catalog.get();
    now = 7_100;
    await catalog.get();
    now = 11_100;
    await catalog.get();
    expect(state.calls).toBe(callsBefore + 5);
    expect(catalog.status().ageSeconds).toBe(11); // confirmed at t=0
    expect(lines.filter((line) => line.startsWith("warn"))).toHaveLength(1);
    state.down = false;
    state.serial = 2;
    now = 15_100;
    expect((await catalog.get()).serial).toBe(2n);
    expect(catalog.status()).toMatchObject({ databaseAnswered: true, stale: false, ageSeconds: 0 });
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^info .*answers again/);
  });

  it("keeps serving after this instance's own publication when the database goes away before the reload", async () => {
    const { state, source } = cuttableSource();
    const catalog = new PublishedCatalog(source, { checkIntervalMs: 60_000, log: recordingLog().log });
    await catalog.get();
    state.down = true;
    catalog.invalidate();
    expect((await catalog.get()).serial).toBe(1n);
  });

  it("answers from the current snapshot while a check is under way instead of waiting for it", async () => {
    const gate = gatedSource();
    let now = 0;
    const catalog = new PublishedCatalog(gate.source, 1_000, () => now);
    const first = catalog.get();
    await tick();
    gate.release();
    await first;
    gate.publish();
    now = 1_000;
    const checking = catalog.get(); // reads the serial, sees 2, starts a load and waits for it
    await tick();
    await tick();
    expect(gate.waiting).toBe(1);
    expect((await catalog.get()).serial).toBe(1n); // a concurrent read does not queue behind it
    gate.release();
    expect((await checking).serial).toBe(2n);
  });

  it("fails at once while backing off with nothing to serve, instead of waiting for the database on every request", async () => {
    const { state, source } = cuttableSource();
    state.down = true;
    let now = 0;
    const catalog = new PublishedCatalog(source, { checkIntervalMs: 0, now: () => now, retry: { firstMs: 1_000, maxMs: 1_000 }, log: recordingLog().log });
    await expect(catalog.get()).rejects.toMatchObject({ code: "ECONNREFUSED" });
    await expect(catalog.get()).rejects.toMatchObject({ code: "ECONNREFUSED" });
    expect(state.calls).toBe(1);
    expect(catalog.status()).toMatchObject({ serial: null, databaseAnswered: false });
    state.down = false;
    now = 1_000;
    expect((await catalog.get()).serial).toBe(1n);
  });
});

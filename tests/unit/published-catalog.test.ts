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

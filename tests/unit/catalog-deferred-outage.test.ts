import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import backPain from "@/content/back-pain/back-pain.ruleset.json";
import { RuleSetSchema } from "@/lib/engine";
import { PublishedCatalog, type CatalogSource, type PublishedRuleSetEntry, type PublishedVersionEntry } from "@/lib/public/catalog";
import { fileCatalogStore } from "@/lib/public/catalog-disk";
import { assembleSnapshot, currentHead, versionEntry } from "@/lib/public/catalog-loading";
import { contentHash } from "@/lib/public/content-hash";
import { currentVersion, findRuleSet } from "@/lib/public/service";

/**
 * Stale-if-error for current documents a start deferred: the database answers the heads,
 * then goes away before the warmer or a request read the documents. A current version the
 * snapshot file holds (same number, same hash, verified on reading) is served from it; one
 * it does not hold fails like any read that needs the database, and nothing else is served
 * in its place. The source is in memory so the outage falls exactly between the two reads.
 */

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(path.join(tmpdir(), "catalog-deferred-"));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

async function versionsOf(slug: string, numbers: number[]): Promise<Map<number, PublishedVersionEntry>> {
  const document = RuleSetSchema.parse({ ...backPain, metadata: { ...backPain.metadata, title: `Back pain ${slug}` } });
  const hash = await contentHash(document);
  return new Map(numbers.map((number) => [number, versionEntry(number, new Date(Date.UTC(2026, 0, number)), document, hash)]));
}

function entry(slug: string, versions: Map<number, PublishedVersionEntry>, current: number, loaded: boolean): PublishedRuleSetEntry {
  const version = versions.get(current)!;
  return { slug, title: slug, description: "", withdrawn: null, head: currentHead(version), current: loaded ? version : null, versions: new Map(loaded ? [[current, version]] : []), published: new Set(versions.keys()) };
}

describe("a deferred current document during an outage", () => {
  it("comes from the snapshot file when it holds the same version, and fails otherwise", async () => {
    const file = path.join(directory, "catalog.json");
    const store = fileCatalogStore(file, "test");
    const saved = await versionsOf("saved", [1, 2]);
    const newer = await versionsOf("newer", [1, 2, 3]);
    // The file of an earlier run: "saved" at version 2, "newer" still at version 2.
    await store.write(assembleSnapshot(5n, new Map([["saved", entry("saved", saved, 2, true)], ["newer", entry("newer", newer, 2, true)]])));
    const before = await readFile(file, "utf8");

    let down = false;
    const source: CatalogSource = {
      readSerial: async () => 6n,
      load: async () => {
        const heads = assembleSnapshot(6n, new Map([["newer", entry("newer", newer, 3, false)], ["saved", entry("saved", saved, 2, false)]]));
        down = true; // the database goes away right after answering the heads
        return heads;
      },
      loadVersion: async () => {
        if (down) throw new Error("connection refused");
        return null;
      },
    };
    const catalog = new PublishedCatalog(source, { checkIntervalMs: 60_000, store, log: { warn: () => {}, info: () => {} } });
    const snapshot = await catalog.get();
    await catalog.warmed(); // the warmer met the outage and stopped

    const fromFile = await currentVersion(snapshot, findRuleSet(snapshot, "saved"));
    expect(fromFile.number).toBe(2);
    expect(Buffer.from(fromFile.body.bytes).toString()).toBe(Buffer.from(saved.get(2)!.body.bytes).toString());
    expect(findRuleSet(snapshot, "saved").current).toBe(fromFile);
    // The file has version 2 of "newer", the database says 3 is current: not served in its place.
    await expect(currentVersion(snapshot, findRuleSet(snapshot, "newer"))).rejects.toThrow("connection refused");
    expect(findRuleSet(snapshot, "newer").current).toBeNull();
    // A catalog with a document missing is never written over the file.
    await catalog.flushed();
    expect(await readFile(file, "utf8")).toBe(before);
  });
});

import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { RuleSetSchema } from "@/lib/engine";
import type { PublishedRuleSetEntry } from "@/lib/public/catalog";
import { fileCatalogStore } from "@/lib/public/catalog-disk";
import { assembleSnapshot, currentHead, versionEntry } from "@/lib/public/catalog-loading";
import { contentHash } from "@/lib/public/content-hash";
import backPain from "@/content/back-pain/back-pain.ruleset.json";

/** The snapshot file on its own: what is written is read back, and what does not hash to its recorded value is refused. */
const DATABASE = "127.0.0.1:5432/clinic";
let directory: string;

beforeEach(async () => {
  directory = await mkdtemp(path.join(tmpdir(), "catalog-disk-"));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

async function catalogOf(slugs: string[]) {
  const document = RuleSetSchema.parse(backPain);
  const hash = await contentHash(document);
  const entries = new Map<string, PublishedRuleSetEntry>();
  for (const slug of slugs) {
    const versions = new Map([1, 2].map((number) => [number, versionEntry(number, new Date(Date.UTC(2026, 0, number)), document, hash)]));
    entries.set(slug, { slug, title: slug, description: "", withdrawn: null, head: currentHead(versions.get(2)!), current: versions.get(2)!, versions, published: new Set([1, 2]) });
  }
  return assembleSnapshot(7n, entries);
}

describe("the public catalog's snapshot file", () => {
  it("reads back what it wrote, byte for byte in the bodies, leaving no temporary file behind", async () => {
    const file = path.join(directory, "nested", "catalog.json");
    const store = fileCatalogStore(file, DATABASE);
    const written = await catalogOf(["back-pain", "knee-pain"]);
    await store.write(written);
    const read = await store.read();
    expect(read?.refused).toEqual([]);
    expect(read?.snapshot.serial).toBe(7n);
    expect(Buffer.from(read!.snapshot.list.bytes).toString()).toBe(Buffer.from(written.list.bytes).toString());
    for (const [slug, entry] of written.ruleSets) {
      const again = read!.snapshot.ruleSets.get(slug)!;
      expect(again.current?.number).toBe(2);
      expect([...again.versions.keys()]).toEqual([2]);
      expect([...again.published]).toEqual([1, 2]);
      // The older version comes back for the cache, verified, byte for byte.
      const older = read!.older.find((candidate) => candidate.slug === slug)!.version;
      expect(older.number).toBe(1);
      expect(Buffer.from(older.body.bytes).toString()).toBe(Buffer.from(entry.versions.get(1)!.body.bytes).toString());
      expect(older.body.etag).toBe(entry.versions.get(1)!.body.etag);
    }
    expect(await readdir(path.dirname(file))).toEqual(["catalog.json"]);
  });

  it("refuses a version whose document no longer matches its content hash, and the rule set when that version is current", async () => {
    const file = path.join(directory, "catalog.json");
    const store = fileCatalogStore(file, DATABASE);
    await store.write(await catalogOf(["back-pain", "knee-pain"]));
    const json = JSON.parse(await readFile(file, "utf8"));
    // An older version of back-pain and the current version of knee-pain are altered on disk.
    json.ruleSets[0].versions[0].document.metadata.title = "Tampered";
    json.ruleSets[1].versions[1].document.dispositions[0].label = "Tampered";
    await writeFile(file, JSON.stringify(json));
    const read = await store.read();
    expect(read?.refused.sort()).toEqual(["back-pain@1", "knee-pain@2"]);
    expect([...read!.snapshot.ruleSets.keys()]).toEqual(["back-pain"]);
    expect([...read!.snapshot.ruleSets.get("back-pain")!.versions.keys()]).toEqual([2]);
    expect(read!.older).toEqual([]);
  });

  it("ignores a file that is not a snapshot, or one written for another database", async () => {
    const file = path.join(directory, "catalog.json");
    await fileCatalogStore(file, DATABASE).write(await catalogOf(["back-pain"]));
    expect(await fileCatalogStore(file, "127.0.0.1:5432/other").read()).toBeNull();
    await writeFile(file, "{ half a file");
    expect(await fileCatalogStore(file, DATABASE).read()).toBeNull();
    expect(await fileCatalogStore(path.join(directory, "missing.json"), DATABASE).read()).toBeNull();
  });
});

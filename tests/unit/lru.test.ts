import { describe, expect, it } from "vitest";
import { LruCache } from "@/lib/public/lru";

describe("LruCache", () => {
  it("evicts the least recently used entry once full, a hit counting as a use", () => {
    const cache = new LruCache<string, number>(2);
    cache.set("a", 1);
    cache.set("b", 2);
    expect(cache.get("a")).toBe(1); // "b" is now the least recently used
    cache.set("c", 3);
    expect(cache.keys()).toEqual(["a", "c"]);
    expect(cache.get("b")).toBeUndefined();
    cache.set("a", 10); // replacing counts as a use too
    cache.set("d", 4);
    expect(cache.keys()).toEqual(["a", "d"]);
    expect(cache.get("a")).toBe(10);
    expect(cache.size).toBe(2);
  });

  it("keeps nothing with capacity 0 and refuses a negative one", () => {
    const cache = new LruCache<string, number>(0);
    cache.set("a", 1);
    expect(cache.get("a")).toBeUndefined();
    expect(() => new LruCache(-1)).toThrow(RangeError);
  });
});

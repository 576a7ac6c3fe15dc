import { describe, expect, it } from "vitest";
import { DomainError } from "@/lib/errors";
import { refuseUnstorableText } from "@/lib/http/unstorable-text";

function paths(body: unknown): string[] {
  try {
    refuseUnstorableText(body);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return (error as DomainError).fields.map((field) => field.path);
  }
}

describe("refuseUnstorableText", () => {
  it("accepts ordinary text, surrogate pairs (emoji) and other control characters PostgreSQL stores", () => {
    expect(paths({ title: "Rückenschmerz 🩺", note: "tab\tand\u0001", list: ["a", 1, null, true] })).toEqual([]);
  });

  it("names NUL and lone surrogates by their path, in values and keys", () => {
    expect(paths({ a: "\u0000", b: [{ c: "x\uD800" }, "\uDC00y"], ["k\u0000"]: 1 }).sort()).toEqual(["a", "b.0.c", "b.1", "k\u0000"]);
    expect(paths("\u0000")).toEqual(["(body)"]);
  });

  it("walks a 100,000-level body without recursion", () => {
    let body: unknown = "\u0000";
    for (let level = 0; level < 100_000; level++) body = [body];
    expect(paths(body)[0]).toMatch(/^(0\.){99999}0$/);
  });
});

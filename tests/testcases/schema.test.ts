import { describe, expect, it } from "vitest";
import { slugify, testCaseIdFromName, TestCaseListSchema, TestCaseSchema, randomTestCaseId } from "../../lib/testcases";

const base = { id: "tc_1", name: "Bladder", answers: { bladder: true, duration: null, areas: ["back"] }, expected: { disposition: "emergency" } };

describe("TestCaseSchema", () => {
  it("fills defaults and trims the name", () => {
    expect(TestCaseSchema.parse({ ...base, name: "  Bladder  " })).toEqual({ ...base, name: "Bladder", tags: [], note: "" });
  });

  it("rejects misspelt keys instead of silently skipping a check", () => {
    const result = TestCaseSchema.safeParse({ ...base, expected: { disposition: "emergency", firedRule: ["x"] } });
    expect(result.success).toBe(false);
  });

  it("rejects bad ids, empty names, infinite numbers and tags with ;", () => {
    for (const bad of [
      { ...base, id: "has space" },
      { ...base, id: "" },
      { ...base, id: "x".repeat(81) },
      { ...base, name: "   " },
      { ...base, answers: { duration: Infinity } },
      { ...base, tags: ["a;b"] },
    ]) {
      expect(TestCaseSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});

describe("TestCaseListSchema", () => {
  it("names the index of repeated ids and names", () => {
    const result = TestCaseListSchema.safeParse([base, { ...base, name: "Other" }, { ...base, id: "tc_2" }]);
    expect(result.success).toBe(false);
    const issues = result.error!.issues.map((i) => [i.path.join("."), i.message]);
    expect(issues).toEqual([
      ["1.id", "The id “tc_1” is already used by the test case at index 0; ids must be unique."],
      ["2.name", "The name “Bladder” is already used by the test case at index 0; names must be unique."],
    ]);
  });

  it("allows at most 5000 cases", () => {
    const many = Array.from({ length: 5001 }, (_, i) => ({ ...base, id: `c${i}`, name: `Case ${i}` }));
    expect(TestCaseListSchema.safeParse(many).success).toBe(false);
    expect(TestCaseListSchema.safeParse(many.slice(0, 5000)).success).toBe(true);
  });
});

describe("ids", () => {
  it("slugifies names, folding accents", () => {
    expect(slugify("Fièvre > 3 days (adult)")).toBe("fievre-3-days-adult");
    expect(slugify("x".repeat(100))).toHaveLength(60);
  });

  it("derives stable ids from names and avoids taken ones", () => {
    expect(testCaseIdFromName("Saddle numbness", new Set())).toBe("saddle-numbness");
    expect(testCaseIdFromName("Saddle numbness", new Set(["saddle-numbness", "saddle-numbness-2"]))).toBe("saddle-numbness-3");
    const nonLatin = testCaseIdFromName("発熱", new Set());
    expect(nonLatin).toMatch(/^tc-[0-9a-f]{8}$/);
    expect(testCaseIdFromName("発熱", new Set())).toBe(nonLatin);
  });

  it("random ids fit the schema", () => {
    const id = randomTestCaseId();
    expect(TestCaseSchema.shape.id.safeParse(id).success).toBe(true);
    expect(randomTestCaseId()).not.toBe(id);
  });
});

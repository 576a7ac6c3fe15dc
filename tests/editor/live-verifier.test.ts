import { describe, expect, it } from "vitest";
import { LiveVerifier, type Running, type Shown } from "@/components/ruleset-editor/live-verifier";

type Doc = { name: string };

/** A verifier whose requests resolve only when the test says so. */
function harness(blocked: (doc: Doc) => string | null = () => null) {
  const pending: { doc: Doc; resolve: (result: string) => void; reject: (error: Error) => void }[] = [];
  const sent: string[] = [];
  const shown: Shown<Doc, string>[] = [];
  const running: (Running<Doc> | null)[] = [];
  const blocks: ({ doc: Doc; reason: string } | null)[] = [];
  const verifier = new LiveVerifier<Doc, string>({
    run: (doc) =>
      new Promise<string>((resolve, reject) => {
        sent.push(doc.name);
        pending.push({ doc, resolve, reject });
      }),
    failure: () => "failed",
    blockedReason: blocked,
    onShown: (s) => shown.push(s),
    onRunning: (r) => running.push(r),
    onBlocked: (b) => blocks.push(b),
  });
  const settle = async (index: number, result: string) => {
    pending[index].resolve(result);
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  return { verifier, pending, sent, shown, running, blocks, settle };
}

describe("live verification sequencing", () => {
  it("sends one document at a time and, after it returns, only the latest one asked for meanwhile", async () => {
    const h = harness();
    const [a, b, c] = [{ name: "a" }, { name: "b" }, { name: "c" }];
    h.verifier.request(a);
    h.verifier.request(b);
    h.verifier.request(c);
    expect(h.sent).toEqual(["a"]);
    await h.settle(0, "result a");
    expect(h.shown.map((s) => [s.id, s.doc.name, s.result])).toEqual([[1, "a", "result a"]]);
    expect(h.sent).toEqual(["a", "c"]);
    await h.settle(1, "result c");
    expect(h.shown.map((s) => s.doc.name)).toEqual(["a", "c"]);
    expect(h.running.at(-1)).toBeNull();
  });

  it("never sends the same document twice in a row, unless asked to check again", async () => {
    const h = harness();
    const a = { name: "a" };
    h.verifier.request(a);
    await h.settle(0, "result a");
    h.verifier.request(a);
    expect(h.sent).toEqual(["a"]);
    h.verifier.request(a, true);
    expect(h.sent).toEqual(["a", "a"]);
  });

  it("never lets an older document's result replace a newer one", () => {
    const h = harness();
    expect(h.verifier.show(2, { name: "new" }, "new result")).toBe(true);
    expect(h.verifier.show(1, { name: "old" }, "old result")).toBe(false);
    expect(h.shown.map((s) => s.result)).toEqual(["new result"]);
  });

  it("does not send a document that cannot be verified, and says why", async () => {
    const h = harness((doc) => (doc.name === "broken" ? "1 error stops the rule set from being evaluated" : null));
    h.verifier.request({ name: "broken" });
    expect(h.sent).toEqual([]);
    expect(h.blocks).toEqual([{ doc: { name: "broken" }, reason: "1 error stops the rule set from being evaluated" }]);
    h.verifier.request({ name: "fixed" });
    expect(h.sent).toEqual(["fixed"]);
    expect(h.blocks.at(-1)).toBeNull();
  });

  it("shows a failure as a result and carries on with the next document", async () => {
    const h = harness();
    h.verifier.request({ name: "a" });
    h.verifier.request({ name: "b" });
    h.pending[0].reject(new Error("network"));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(h.shown.map((s) => s.result)).toEqual(["failed"]);
    expect(h.sent).toEqual(["a", "b"]);
  });

  it("reports nothing once the editor is gone", async () => {
    const h = harness();
    h.verifier.request({ name: "a" });
    h.verifier.detach();
    await h.settle(0, "late");
    expect(h.shown).toEqual([]);
  });
});

/**
 * The links other pages (the publication gate, the review page, lint in other
 * views) use to open one spot of a draft:
 *
 * - `/rulesets/{slug}/draft?path=<JSONPath>`: a field or item, e.g. `$.rules[3].when`;
 * - `/rulesets/{slug}/draft?rule=<ruleId>`: a rule (a red flag's derived invariant links here);
 * - `/rulesets/{slug}/draft?invariant=<id>`: an explicit invariant (`red-flag:<ruleId>` opens the rule);
 * - `/rulesets/{slug}/draft/tests?case=<testCaseId>`: one test case;
 * - `/rulesets/{slug}/draft/tests?newCaseForRule=<ruleId>`: a new test case for a rule.
 *
 * Pure (no React) so both the server pages and the client can use it.
 */
import { RED_FLAG_TAG } from "@/lib/engine/invariants";
import type { RuleSetInput } from "@/lib/engine/schema";

export type SearchParams = Readonly<Record<string, string | string[] | undefined>>;

export type DraftLink = { kind: "path"; path: string } | { kind: "rule"; id: string } | { kind: "invariant"; id: string };
export type TestsLink = { kind: "case"; id: string } | { kind: "newCaseForRule"; ruleId: string };

function first(params: SearchParams, key: string): string | undefined {
  const value = params[key];
  const text = Array.isArray(value) ? value[0] : value;
  const trimmed = text?.trim();
  return trimmed ? trimmed.slice(0, 500) : undefined;
}

/** The first of `path`, `rule`, `invariant` that is present; null when none is. */
export function parseDraftLink(params: SearchParams): DraftLink | null {
  const path = first(params, "path");
  if (path && path.startsWith("$")) return { kind: "path", path };
  const rule = first(params, "rule");
  if (rule) return { kind: "rule", id: rule };
  const invariant = first(params, "invariant");
  if (invariant) return { kind: "invariant", id: invariant };
  return null;
}

export function parseTestsLink(params: SearchParams): TestsLink | null {
  const id = first(params, "case");
  if (id) return { kind: "case", id };
  const ruleId = first(params, "newCaseForRule");
  if (ruleId) return { kind: "newCaseForRule", ruleId };
  return null;
}

export type ResolvedLink = { ok: true; path: string } | { ok: false; message: string };

/** Where in the document a link points; a rule or invariant that is no longer there says so. */
export function resolveDraftLink(link: DraftLink, doc: Pick<RuleSetInput, "rules" | "invariants">): ResolvedLink {
  if (link.kind === "path") return { ok: true, path: link.path };
  const prefix = `${RED_FLAG_TAG}:`;
  const ruleId = link.kind === "rule" ? link.id : link.id.startsWith(prefix) ? link.id.slice(prefix.length) : null;
  if (ruleId !== null) {
    const index = doc.rules.findIndex((r) => r.id === ruleId);
    return index < 0 ? { ok: false, message: `The rule “${ruleId}” is not in this draft (any more).` } : { ok: true, path: `$.rules[${index}]` };
  }
  const index = (doc.invariants ?? []).findIndex((inv) => inv.id === link.id);
  return index < 0 ? { ok: false, message: `The invariant “${link.id}” is not in this draft (any more).` } : { ok: true, path: `$.invariants[${index}]` };
}

/** A stable key for a link, so the editor reacts when the page is opened again with another one. */
export function draftLinkKey(link: DraftLink | null): string {
  return link ? `${link.kind}:${link.kind === "path" ? link.path : link.id}` : "";
}

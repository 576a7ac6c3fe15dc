/**
 * Word-level comparison of prose (guidance bodies, rationales) for reviewers.
 */
import { diffWordsWithSpace } from "diff";
import type { WordSegment } from "./diff-schema";

/**
 * Beyond this many inserted or deleted tokens the text was rewritten rather than
 * edited: showing old and new whole is clearer, and it bounds the O(N·D) cost.
 */
const MAX_EDIT_TOKENS = 2000;

/**
 * Segments whose "same" + "removed" texts join to `before` and "same" + "added"
 * texts join to `after`, so nothing a clinician wrote is ever lost from the view.
 */
export function diffProse(before: string, after: string): WordSegment[] {
  if (before === after) return before === "" ? [] : [{ kind: "same", text: before }];
  if (before === "") return [{ kind: "added", text: after }];
  if (after === "") return [{ kind: "removed", text: before }];

  // WithSpace keeps every space and newline as its own token, so the segments
  // reproduce the Markdown exactly (plain diffWords may normalise whitespace).
  const changes = diffWordsWithSpace(before, after, { maxEditLength: MAX_EDIT_TOKENS });
  if (!changes) {
    return [
      { kind: "removed", text: before },
      { kind: "added", text: after },
    ];
  }
  const raw: WordSegment[] = changes.map((c) => ({
    kind: c.added ? "added" : c.removed ? "removed" : "same",
    text: c.value,
  }));
  return tidy(raw);
}

/**
 * Whitespace-level matches between edits read as noise ("~~the~~ a ~~cat~~ dog"),
 * so a run of edits separated only by whitespace becomes one removed phrase
 * followed by one added phrase ("~~the cat~~ a dog").
 */
function tidy(segments: WordSegment[]): WordSegment[] {
  const out: WordSegment[] = [];
  let removed = "";
  let added = "";
  const flush = () => {
    if (removed) out.push({ kind: "removed", text: removed });
    if (added) out.push({ kind: "added", text: added });
    removed = "";
    added = "";
  };
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    if (segment.kind === "removed") {
      removed += segment.text;
    } else if (segment.kind === "added") {
      added += segment.text;
    } else {
      const pending = removed !== "" || added !== "";
      const next = segments[i + 1];
      if (pending && next && next.kind !== "same" && /^\s+$/.test(segment.text)) {
        removed += segment.text;
        added += segment.text;
      } else {
        flush();
        const last = out[out.length - 1];
        if (last && last.kind === "same") last.text += segment.text;
        else out.push({ kind: "same", text: segment.text });
      }
    }
  }
  flush();
  return out;
}

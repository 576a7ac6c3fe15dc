/** The shape of a lint finding, shared by lint.ts, references.ts and compile.ts. */

export type LintSeverity = "error" | "warning" | "info";

export type LintCode =
  | "schema"
  | "duplicate-id"
  | "unknown-fact"
  | "unknown-option"
  | "unknown-disposition"
  | "unknown-guidance"
  | "operator-not-for-type"
  | "value-type-mismatch"
  | "unit-missing"
  | "unit-not-convertible"
  | "fact-bounds-invalid"
  | "between-min-above-max"
  | "value-out-of-bounds"
  | "rule-never-fires"
  | "rule-without-condition"
  | "rule-shadowed"
  | "askwhen-self-reference"
  | "askwhen-cycle"
  | "fact-unused"
  | "disposition-unreachable"
  | "disposition-without-guidance"
  | "guidance-unused"
  | "rule-without-citation"
  | "rule-disabled";

export interface LintIssue {
  severity: LintSeverity;
  code: LintCode;
  /** Plain language, written for the clinician editing the rule set. */
  message: string;
  /** JSONPath into the document, e.g. `$.rules[3].when.all[0]`, for the editor to link to. */
  path: string;
  ruleId?: string;
  factId?: string;
  dispositionId?: string;
  guidanceId?: string;
  /** Findings about an explicit invariant ($.invariants[i]). */
  invariantId?: string;
}

import type { Dispatch } from "react";
import type { LintIssue } from "@/lib/engine/lint-types";
import type { RuleSetInput } from "@/lib/engine/schema";
import type { EditorAction } from "./editor-reducer";
import type { LintIndex } from "./lint-utils";

/** What every tab's editor receives from DraftEditor. */
export interface TabEditorProps {
  doc: RuleSetInput;
  /** Index of the selected item in this tab's list. */
  selected: number;
  dispatch: Dispatch<EditorAction>;
  lint: LintIndex;
  onJump: (issue: LintIssue) => void;
}

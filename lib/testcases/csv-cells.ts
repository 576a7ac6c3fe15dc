/**
 * One CSV cell <-> one answer, by the fact's type. Only the syntax is checked
 * here; whether the value fits the question (option exists, number in range)
 * is left to the engine so messages match evaluation exactly.
 */
import type { AnswerValue, Fact } from "@/lib/engine";

/** Separates rule ids, guidance ids, tags and multiple-choice options in one cell. */
export const LIST_SEPARATOR = ";";
/** A multiple-choice answer of "none of these" (an answer, unlike an empty cell). */
export const NONE_SELECTED = "(none)";

const TRUE_WORDS = new Set(["yes", "true", "1"]);
const FALSE_WORDS = new Set(["no", "false", "0"]);
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
// Spreadsheet apps run cells starting with these as formulas; exported cells
// get a leading apostrophe (the usual convention), which the importer removes.
const FORMULA_START = /^[=+\-@\t\r']/;

export function splitList(cell: string): string[] {
  return cell
    .split(LIST_SEPARATOR)
    .map((part) => part.trim())
    .filter((part) => part !== "");
}

export function joinList(items: readonly string[] | undefined): string {
  return (items ?? []).join(LIST_SEPARATOR);
}

export function escapeFormula(cell: string): string {
  return FORMULA_START.test(cell) && !DECIMAL.test(cell) ? `'${cell}` : cell;
}

export function unescapeFormula(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
}

export type CellResult = { ok: true; value: AnswerValue | undefined } | { ok: false; message: string };

/** An empty cell is unanswered (undefined). */
export function parseAnswerCell(fact: Fact, raw: string): CellResult {
  const cell = raw.trim();
  if (cell === "") return { ok: true, value: undefined };
  switch (fact.type) {
    case "boolean": {
      const word = cell.toLowerCase();
      if (TRUE_WORDS.has(word)) return { ok: true, value: true };
      if (FALSE_WORDS.has(word)) return { ok: true, value: false };
      return { ok: false, message: `“${cell}” is not a yes/no answer; use yes, no, true, false, 1 or 0, or leave the cell empty if unanswered.` };
    }
    case "number": {
      if (!DECIMAL.test(cell)) {
        return { ok: false, message: `“${cell}” is not a number; write it with a decimal point and no unit or thousands separator, e.g. 72 or 38.5.` };
      }
      return { ok: true, value: Number(cell) };
    }
    case "singleChoice":
      return { ok: true, value: cell };
    case "multipleChoice":
      return { ok: true, value: cell.toLowerCase() === NONE_SELECTED ? [] : splitList(cell) };
  }
}

/** The inverse of parseAnswerCell; `fact` is undefined for answers to questions the rule set no longer has. */
export function formatAnswerCell(fact: Fact | undefined, value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "boolean") return fact === undefined || fact.type === "boolean" ? (value ? "yes" : "no") : String(value);
  if (typeof value === "number") return String(value);
  if (Array.isArray(value)) return value.length === 0 ? NONE_SELECTED : value.map(String).join(LIST_SEPARATOR);
  return String(value);
}

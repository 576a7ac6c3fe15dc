// Regenerates docs/content-review-back-pain.md, the clinician's review of the
// back-pain rule set, from the content files:
//
//   npx tsx scripts/content-review.ts            prints the Markdown
//   npx tsx scripts/content-review.ts --write    writes docs/content-review-back-pain.md
//   npx tsx scripts/content-review.ts --check    exits 1 if the doc is out of date
//
// Rules, conditions (in plain language, via describeCondition), citations,
// guidance, facts, safety invariants, the patient summary, test-case counts and
// lint findings are generated from
// content/back-pain/back-pain.ruleset.json and back-pain.test-cases.json; the
// hand-written decisions and known gaps come from content/back-pain/review-notes.md.
// tests/content/back-pain.test.ts fails when the committed doc is out of date.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describeCondition, factLabel, lintRuleSet, parseRuleSet, type Citation, type RuleSet } from "../lib/engine";
import { effectiveInvariants } from "../lib/engine/invariants";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export const CONTENT_REVIEW_PATHS = {
  ruleSet: path.join(REPO, "content/back-pain/back-pain.ruleset.json"),
  testCases: path.join(REPO, "content/back-pain/back-pain.test-cases.json"),
  notes: path.join(REPO, "content/back-pain/review-notes.md"),
  output: path.join(REPO, "docs/content-review-back-pain.md"),
} as const;

export interface ContentReviewInput {
  /** The rule-set document as stored (JSON). */
  document: unknown;
  /** Test cases as stored: only ids, expected dispositions and tags are read. */
  testCases: ReadonlyArray<{ id: string; expected: { disposition: string }; tags?: string[] }>;
  /** Hand-written Markdown (decisions, known gaps), included verbatim. */
  notes: string;
}

/** Table cells cannot hold pipes or line breaks. */
function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\s*\n\s*/g, " ");
}

const code = (id: string) => `\`${id}\``;

function citationLines(citations: readonly Citation[], indent = ""): string[] {
  if (citations.length === 0) return [`${indent}- _no citation_`];
  return citations.map((c) => `${indent}- ${code(c.source)}: “${c.statement}”`);
}

function quoteBlock(markdown: string): string[] {
  return markdown.split("\n").map((line) => (line === "" ? ">" : `> ${line}`));
}

function rulesSection(ruleSet: RuleSet): string[] {
  const lines: string[] = ["## Rules", ""];
  lines.push("Most urgent first, in document order within each disposition. Conditions are the engine's own plain-language rendering (`describeCondition`).", "");
  lines.push("| rule | disposition | tags | condition |", "| --- | --- | --- | --- |");
  const rank = new Map(ruleSet.dispositions.map((d, i) => [d.id, i]));
  const ordered = [...ruleSet.rules].sort((a, b) => (rank.get(a.disposition) ?? 99) - (rank.get(b.disposition) ?? 99));
  for (const rule of ordered) {
    const condition = describeCondition(rule.when, ruleSet);
    lines.push(`| ${code(rule.id)} | ${code(rule.disposition)} | ${cell(rule.tags.join(", "))} | ${cell(condition)} |`);
  }
  lines.push("");
  for (const rule of ordered) {
    lines.push(`### ${code(rule.id)}: ${rule.title}`, "");
    lines.push(`- **Disposition:** ${code(rule.disposition)}${rule.enabled ? "" : " (disabled)"}`);
    lines.push(`- **When:** ${describeCondition(rule.when, ruleSet)}`);
    if (rule.tags.length > 0) lines.push(`- **Tags:** ${rule.tags.join(", ")}`);
    if (rule.guidance.length > 0) lines.push(`- **Guidance:** ${rule.guidance.map(code).join(", ")}`);
    lines.push(`- **Rationale:** ${rule.rationale || "_none_"}`);
    lines.push("- **Citations:**", ...citationLines(rule.citations, "  "), "");
  }
  return lines;
}

function guidanceSection(ruleSet: RuleSet): string[] {
  const lines: string[] = ["## Guidance", ""];
  lines.push("The text people read, with where it is attached and the statements it rests on.", "");
  for (const block of ruleSet.guidance) {
    const attachedTo = [
      ...ruleSet.dispositions.filter((d) => d.guidance.includes(block.id)).map((d) => `disposition ${code(d.id)}`),
      ...ruleSet.rules.filter((r) => r.guidance.includes(block.id)).map((r) => `rule ${code(r.id)}`),
    ];
    lines.push(`### ${code(block.id)}: ${block.title}`, "");
    lines.push(`Attached to: ${attachedTo.length > 0 ? attachedTo.join(", ") : "_nothing_"}`, "");
    lines.push(...quoteBlock(block.body), "");
    lines.push("Citations:", "", ...citationLines(block.citations), "");
  }
  return lines;
}

function factsSection(ruleSet: RuleSet): string[] {
  const lines: string[] = ["## Questions (facts)", "", "| id | question | label in sentences | type | asked when |", "| --- | --- | --- | --- | --- |"];
  for (const fact of ruleSet.facts) {
    let type: string = fact.type;
    if (fact.type === "number") {
      const bounds = [fact.min !== undefined ? `min ${fact.min}` : "", fact.max !== undefined ? `max ${fact.max}` : ""].filter(Boolean).join(", ");
      type = `number${fact.unit ? ` (${fact.unit})` : ""}${bounds ? `, ${bounds}` : ""}`;
    }
    const askWhen = fact.askWhen ? describeCondition(fact.askWhen, ruleSet) : "always";
    lines.push(`| ${code(fact.id)} | ${cell(fact.question)} | ${cell(factLabel(fact))} | ${cell(type)} | ${cell(askWhen)} |`);
  }
  lines.push("");
  return lines;
}

function testCasesSection(ruleSet: RuleSet, testCases: ContentReviewInput["testCases"]): string[] {
  const lines: string[] = ["## Test cases", ""];
  lines.push(`${testCases.length} test cases in ${code("content/back-pain/back-pain.test-cases.json")}, all run by ${code("tests/content/back-pain.test.ts")}.`, "");
  lines.push("| expected disposition | cases |", "| --- | --- |");
  for (const d of ruleSet.dispositions) {
    lines.push(`| ${code(d.id)} | ${testCases.filter((t) => t.expected.disposition === d.id).length} |`);
  }
  const tagged = testCases.filter((t) => t.tags?.includes("red-flag")).length;
  lines.push("", `${tagged} cases are tagged \`red-flag\`; every red-flag rule has one that pins it with \`expected.firedRules\`.`, "");
  return lines;
}

function invariantsSection(ruleSet: RuleSet): string[] {
  const all = effectiveInvariants(ruleSet);
  const explicit = all.filter((i) => i.source === "document");
  const derived = all.filter((i) => i.source === "red-flag");
  const lines: string[] = ["## Safety invariants", ""];
  lines.push(
    "Statements about the outcome that must hold for every possible set of answers (any answered, any unanswered). The SMT verifier (lib/verify) is to prove them before a version can be submitted or published; until then tests/content/back-pain.test.ts checks them on enumerated and random answer sets. Conditions are three-valued, as in rules: a condition holds only when it is true, and an unanswered question is unknown, never \"no\". The explicit invariants below are written in the document, so they pin the safety of the rule set independently of its rules: a copy that demotes or disables a red flag, changes the default to self-care or relaxes the 48-hour limit breaks one of them.",
    "",
  );
  lines.push("| invariant | kind | statement |", "| --- | --- | --- |");
  for (const invariant of explicit) lines.push(`| ${code(invariant.id)} | ${invariant.kind} | ${cell(invariant.statement)} |`);
  lines.push("");
  for (const invariant of explicit) {
    const source = (ruleSet.invariants ?? [])[invariant.index!];
    lines.push(`### ${code(invariant.id)}`, "");
    lines.push(`- **Statement:** ${invariant.statement}`);
    lines.push(`- **Rationale:** ${invariant.rationale || "_none_"}`);
    lines.push("- **Citations:**", ...citationLines(source.citations, "  "), "");
  }
  lines.push(`Derived from the ${derived.length} red-flag rules (lib/engine/invariants.ts), one each:`, "");
  for (const invariant of derived) lines.push(`- ${code(invariant.id)}: ${invariant.statement}`);
  lines.push("");
  return lines;
}

function lintSection(document: unknown): string[] {
  const issues = lintRuleSet(document);
  const lines: string[] = ["## Lint", ""];
  if (issues.length === 0) {
    lines.push("`lintRuleSet` reports no errors, no warnings and no notes. No warnings are accepted; the test suite fails if one appears.", "");
    return lines;
  }
  lines.push("| severity | code | where | message |", "| --- | --- | --- | --- |");
  for (const issue of issues) lines.push(`| ${issue.severity} | ${code(issue.code)} | ${code(issue.path)} | ${cell(issue.message)} |`);
  lines.push("");
  return lines;
}

/** The whole review document as Markdown. Pure: the caller reads the files. */
export function renderContentReview(input: ContentReviewInput): string {
  const ruleSet = parseRuleSet(input.document);
  const byDisposition = (id: string) => ruleSet.rules.filter((r) => r.disposition === id).length;
  const lines: string[] = [
    `# Content review: ${ruleSet.metadata.title} (\`${ruleSet.metadata.slug}\`)`,
    "",
    "<!-- Generated by `npx tsx scripts/content-review.ts --write`; edit content/back-pain/ instead. -->",
    "",
    ruleSet.metadata.description,
    "",
    ...(ruleSet.metadata.summary
      ? ["**Summary shown to people using the checker** (`metadata.summary`):", "", ...quoteBlock(ruleSet.metadata.summary), ""]
      : ["_No patient-facing summary (`metadata.summary`)._", ""]),
    `- **Audience:** ${ruleSet.metadata.audience}`,
    `- **Locales:** ${ruleSet.metadata.locales.join(", ")}`,
    `- **Sources:** the five seed articles (${[...new Set([...ruleSet.rules, ...ruleSet.guidance, ...(ruleSet.invariants ?? [])].flatMap((x) => x.citations.map((c) => c.source)))].sort().map(code).join(", ")})`,
    `- **Rules:** ${ruleSet.rules.length} (${ruleSet.dispositions.map((d) => `${byDisposition(d.id)} ${d.id}`).join(", ")}); **guidance blocks:** ${ruleSet.guidance.length}; **questions:** ${ruleSet.facts.length}; **safety invariants:** ${(ruleSet.invariants ?? []).length} explicit, ${ruleSet.rules.filter((r) => r.tags.includes("red-flag")).length} derived from red-flag rules`,
    `- **Default disposition** (no rule fired): ${ruleSet.defaultDisposition ? code(ruleSet.defaultDisposition) : "none (null)"}`,
    "",
    "## Dispositions",
    "",
    "Most urgent first; the most urgent disposition of any fired rule wins.",
    "",
    "| id | label | action | guidance always shown |",
    "| --- | --- | --- | --- |",
    ...ruleSet.dispositions.map((d) => `| ${code(d.id)} | ${cell(d.label)} | ${cell(d.action)} | ${d.guidance.map(code).join(", ")} |`),
    "",
    input.notes.trim(),
    "",
    ...lintSection(input.document),
    ...rulesSection(ruleSet),
    ...invariantsSection(ruleSet),
    ...factsSection(ruleSet),
    ...testCasesSection(ruleSet, input.testCases),
    ...guidanceSection(ruleSet),
  ];
  return `${lines.join("\n").replace(/\n{3,}/g, "\n\n").trimEnd()}\n`;
}

/** Reads the content files and renders the review. */
export function renderContentReviewFromFiles(paths: Omit<typeof CONTENT_REVIEW_PATHS, "output"> = CONTENT_REVIEW_PATHS): string {
  return renderContentReview({
    document: JSON.parse(readFileSync(paths.ruleSet, "utf8")),
    testCases: JSON.parse(readFileSync(paths.testCases, "utf8")),
    notes: readFileSync(paths.notes, "utf8"),
  });
}

function main(argv: readonly string[]) {
  const markdown = renderContentReviewFromFiles();
  if (argv.includes("--check")) {
    const current = readFileSync(CONTENT_REVIEW_PATHS.output, "utf8");
    if (current !== markdown) {
      console.error(`${path.relative(REPO, CONTENT_REVIEW_PATHS.output)} is out of date; run: npx tsx scripts/content-review.ts --write`);
      process.exit(1);
    }
    console.log("The content review is up to date.");
  } else if (argv.includes("--write")) {
    writeFileSync(CONTENT_REVIEW_PATHS.output, markdown);
    console.log(`Wrote ${path.relative(REPO, CONTENT_REVIEW_PATHS.output)}.`);
  } else {
    process.stdout.write(markdown);
  }
}

// Run only when executed directly, not when imported by the tests.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv.slice(2));
}

/**
 * Impact preview: what publishing the draft would change, on the rule set's
 * own test cases and across the space of possible answers. Pure: no I/O.
 */
export { compareOnTestCases } from "./compare";
export type { CaseImpact, Outcome, TestCaseImpactReport, TestCaseImpactTotals } from "./compare";
export { exploreAnswerSpace } from "./explore";
export type { ExploreOptions, ExploreReport } from "./explore";
export { exampleToTestCase } from "./examples";
export type { ExampleOutcome, ExampleToTestCaseOptions, ExploredExample } from "./examples";
export { urgencyComparator } from "./urgency";
export type { UrgencyChange, UrgencyComparator } from "./urgency";
export { answerDomains } from "./domains";
export type { FactDomain } from "./domains";

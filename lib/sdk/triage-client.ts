import { compile, evaluate, type Answers, type CompiledRuleSet } from "../engine";
import { contentHash } from "../public/content-hash";
import { EvaluateResponseSchema, PublishedRuleSetSchema, type PublishedRuleSet } from "../public/schemas";
import {
  RemoteProblemError,
  RuleSetIntegrityError,
  RuleSetNotFoundError,
  RuleSetUnavailableError,
  RuleSetWithdrawnError,
} from "./errors";
import { remoteTriageOutcome, triageOutcome, type RemoteTriageOutcome, type TriageOutcome } from "./outcome";
import { MemoryStore, type RuleSetStore } from "./store";

export interface TriageClientOptions {
  /** Where Triage Studio runs, e.g. "https://triage.example-hospital.org". */
  baseUrl: string;
  fetch?: typeof fetch;
  /** Keeps the last good copy of each rule set; defaults to memory (use localStorageStore in browsers). */
  store?: RuleSetStore;
}

export interface LoadedRuleSet {
  ruleSet: PublishedRuleSet;
  /** network: new content; revalidated: the server confirmed the stored copy (304); offline: the stored copy, server unreachable. */
  source: "network" | "revalidated" | "offline";
}

/** Everything but the three publication fields is the engine's document; that is what the hash covers. */
export function engineDocument(ruleSet: PublishedRuleSet) {
  const { version: _version, publishedAt: _publishedAt, contentHash: _hash, ...document } = ruleSet;
  void _version;
  void _publishedAt;
  void _hash;
  return document;
}

async function verified(slug: string, ruleSet: PublishedRuleSet): Promise<PublishedRuleSet> {
  if ((await contentHash(engineDocument(ruleSet))) !== ruleSet.contentHash) throw new RuleSetIntegrityError(slug);
  return ruleSet;
}

/**
 * Client for Triage Studio's public API: fetches published rule sets with ETag
 * revalidation, keeps the last good copy for offline use, checks every copy
 * against its content hash, and evaluates locally with the same engine the
 * server uses, so triage works with no network at all.
 */
export class TriageClient {
  private readonly fetch: typeof fetch;
  private readonly store: RuleSetStore;
  private readonly baseUrl: string;
  private readonly compiled = new Map<string, CompiledRuleSet>();

  constructor(options: TriageClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/$/, "");
    this.fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.store = options.store ?? new MemoryStore();
  }

  private url(path: string): string {
    return `${this.baseUrl}/api/public${path}`;
  }

  /** The current published version of `slug` (or a pinned version). */
  async getRuleSet(slug: string, options: { version?: number } = {}): Promise<LoadedRuleSet> {
    const key = options.version ? `${slug}@${options.version}` : slug;
    const stored = await this.store.get(key);
    const path = `/rulesets/${encodeURIComponent(slug)}${options.version ? `/versions/${options.version}` : ""}`;
    let response: Response;
    try {
      response = await this.fetch(this.url(path), { headers: stored?.etag ? { "if-none-match": stored.etag } : {} });
    } catch (error) {
      if (stored) return { ruleSet: await verified(slug, stored.ruleSet), source: "offline" };
      throw new RuleSetUnavailableError(slug, error);
    }
    if (response.status === 304 && stored) return { ruleSet: await verified(slug, stored.ruleSet), source: "revalidated" };
    if (response.status === 410) {
      // A withdrawn rule set must not keep triaging people from an old copy.
      await this.store.delete(key);
      const problem = (await response.json().catch(() => null)) as { reason?: string } | null;
      throw new RuleSetWithdrawnError(slug, problem?.reason ?? "withdrawn");
    }
    if (response.status === 404) {
      await this.store.delete(key);
      throw new RuleSetNotFoundError(slug);
    }
    if (!response.ok) {
      if (stored) return { ruleSet: await verified(slug, stored.ruleSet), source: "offline" };
      throw new RemoteProblemError(response.status, (await response.json().catch(() => null)) as never);
    }
    const ruleSet = await verified(slug, PublishedRuleSetSchema.parse(await response.json()));
    await this.store.set(key, { etag: response.headers.get("etag"), ruleSet, fetchedAt: new Date().toISOString() });
    return { ruleSet, source: "network" };
  }

  /**
   * Evaluates on this device with the shared engine; works offline once the rule
   * set was fetched. Check `status` first (see TriageOutcome): while
   * "provisional", show `adviceToShow(outcome)` (= `couldEscalateTo`) and ask
   * `askNext`; never show `disposition` as the advice then.
   */
  async evaluate(slug: string, answers: Answers, options: { version?: number } = {}): Promise<TriageOutcome & { ruleSet: PublishedRuleSet; source: LoadedRuleSet["source"] }> {
    const { ruleSet, source } = await this.getRuleSet(slug, options);
    return { ...this.evaluateWith(ruleSet, answers), ruleSet, source };
  }

  /**
   * Evaluates against a rule set the caller already holds (e.g. to re-evaluate
   * on every answer). The same contract as `evaluate`: "final" → show
   * `disposition` and `guidance`; "provisional" → show `couldEscalateTo` and its
   * `escalationGuidance` (or use adviceToShow / guidanceToShow), ask `askNext`.
   */
  evaluateWith(ruleSet: PublishedRuleSet, answers: Answers): TriageOutcome {
    let compiled = this.compiled.get(ruleSet.contentHash);
    if (!compiled) {
      compiled = compile(engineDocument(ruleSet));
      this.compiled.set(ruleSet.contentHash, compiled);
    }
    return triageOutcome(compiled.ruleSet, evaluate(compiled, answers, { trace: false }));
  }

  /**
   * Asks the server to evaluate (no local engine needed). Check `status` first:
   * while "provisional", show `couldEscalateTo` (adviceToShow) and ask `askNext`
   * (the server's `escalationFacts`); `guidance` then belongs to the
   * provisional disposition and must not be shown.
   */
  async evaluateRemote(slug: string, answers: Answers, options: { version?: number } = {}): Promise<RemoteTriageOutcome> {
    const response = await this.fetch(this.url(`/rulesets/${encodeURIComponent(slug)}/evaluate`), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ answers, ...(options.version ? { version: options.version } : {}) }),
    });
    if (response.status === 410) {
      const problem = (await response.json().catch(() => null)) as { reason?: string } | null;
      throw new RuleSetWithdrawnError(slug, problem?.reason ?? "withdrawn");
    }
    if (!response.ok) throw new RemoteProblemError(response.status, (await response.json().catch(() => null)) as never);
    return remoteTriageOutcome(EvaluateResponseSchema.parse(await response.json()));
  }

  /** The rule sets currently published. */
  async listRuleSets() {
    const response = await this.fetch(this.url("/rulesets"));
    if (!response.ok) throw new RemoteProblemError(response.status, null);
    // `description` is for authors; show `summary` (when present) to the person.
    return (await response.json()) as { ruleSets: { slug: string; title: string; description: string; summary?: string; version: number; publishedAt: string; contentHash: string }[] };
  }
}

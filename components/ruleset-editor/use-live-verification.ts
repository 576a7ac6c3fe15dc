"use client";

import { useEffect, useEffectEvent, useRef, useState } from "react";
import type { RuleSetInput } from "@/lib/engine/schema";
import { LiveVerifier, type Running, type Shown } from "./live-verifier";
import { unverifiableReason, type VerifyDraftResult } from "./verification-utils";

export type Verify = (input: { slug: string; document: unknown }) => Promise<VerifyDraftResult>;

export type ShownVerification = Shown<RuleSetInput, VerifyDraftResult>;

export type LiveStatus =
  /** Nothing checked yet. */
  | "starting"
  /** The document changed since the last result; it is sent once typing pauses. */
  | "waiting"
  | "checking"
  /** The current document cannot be compiled, so it was not sent (`blockedReason` says why). */
  | "blocked"
  /** The result shown is for the document in the editor. */
  | "current";

export interface LiveVerification {
  status: LiveStatus;
  shown: ShownVerification | null;
  /** The result shown is for an older document than the one in the editor. */
  stale: boolean;
  blockedReason: string | null;
  /** Check the current document now (e.g. after a failed request). */
  recheck: () => void;
}

const UNREACHABLE: VerifyDraftResult = { ok: false, message: "The server could not be reached, so the draft was not checked." };

/**
 * Sends the editor's unsaved document to the solver once typing has paused
 * for `delayMs` (the document as loaded at once), without blocking typing or
 * saving; see LiveVerifier for the ordering guarantees.
 */
export function useLiveVerification(options: { slug: string; doc: RuleSetInput; verify: Verify | null; delayMs?: number }): LiveVerification {
  const { slug, doc, verify, delayMs = 1500 } = options;
  const [shown, setShown] = useState<ShownVerification | null>(null);
  const [running, setRunning] = useState<Running<RuleSetInput> | null>(null);
  const [blocked, setBlocked] = useState<{ doc: RuleSetInput; reason: string } | null>(null);
  const first = useRef(true);
  const [verifier] = useState(
    () =>
      new LiveVerifier<RuleSetInput, VerifyDraftResult>({
        run: async () => UNREACHABLE,
        failure: () => UNREACHABLE,
        blockedReason: unverifiableReason,
        onShown: setShown,
        onRunning: setRunning,
        onBlocked: setBlocked,
      }),
  );

  useEffect(() => {
    verifier.setRun(async (document) => (verify ? verify({ slug, document }) : UNREACHABLE));
  }, [verifier, slug, verify]);

  useEffect(() => {
    verifier.attach();
    return () => verifier.detach();
  }, [verifier]);

  const onQuiet = useEffectEvent(() => verifier.request(doc));
  useEffect(() => {
    if (!verify) return;
    const timer = setTimeout(
      () => {
        first.current = false;
        onQuiet();
      },
      first.current ? 0 : delayMs,
    );
    return () => clearTimeout(timer);
  }, [doc, verify, delayMs]);

  const stale = shown !== null && shown.doc !== doc;
  const blockedNow = blocked !== null && blocked.doc === doc;
  const status: LiveStatus = running ? "checking" : blockedNow ? "blocked" : shown && !stale ? "current" : shown || blocked ? "waiting" : "starting";
  return { status, shown, stale, blockedReason: blockedNow ? blocked.reason : null, recheck: () => verifier.request(doc, true) };
}

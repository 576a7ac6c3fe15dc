/** The server said the rule set was withdrawn: its stored copy is dropped and must not be used. */
export class RuleSetWithdrawnError extends Error {
  constructor(
    readonly slug: string,
    readonly reason: string,
  ) {
    super(`Rule set “${slug}” was withdrawn: ${reason}`);
    this.name = "RuleSetWithdrawnError";
  }
}

export class RuleSetNotFoundError extends Error {
  constructor(readonly slug: string) {
    super(`No published rule set “${slug}”.`);
    this.name = "RuleSetNotFoundError";
  }
}

/** The document does not match its content hash: it was altered or corrupted, and is not used. */
export class RuleSetIntegrityError extends Error {
  constructor(readonly slug: string) {
    super(`Rule set “${slug}” failed its content-hash check and was not used.`);
    this.name = "RuleSetIntegrityError";
  }
}

/** Neither the network nor a stored copy could provide the rule set. */
export class RuleSetUnavailableError extends Error {
  constructor(
    readonly slug: string,
    readonly cause: unknown,
  ) {
    super(`Rule set “${slug}” is unavailable: no network and no stored copy.`);
    this.name = "RuleSetUnavailableError";
  }
}

export class RemoteProblemError extends Error {
  constructor(
    readonly status: number,
    readonly problem: { detail?: string; errors?: { path: string; message: string }[] } | null,
  ) {
    super(problem?.detail ?? `The server answered ${status}.`);
    this.name = "RemoteProblemError";
  }
}

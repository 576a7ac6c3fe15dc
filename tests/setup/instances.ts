import { spawn, type ChildProcess } from "node:child_process";

export interface Instance {
  name: string;
  url: string;
  /** Everything the process wrote to stderr (errors a 500 would have logged). */
  stderr: () => string;
  stop(): Promise<void>;
}

export interface InstanceOptions {
  name: string;
  /** Test only: replace the product's rule-set lock in this process (tests/setup/lock-variant.ts). */
  lockVariant?: "unlocked" | "held";
  lockHoldMs?: number;
  /** Environment overrides for this process (e.g. a DATABASE_URL through a proxy the test can cut). */
  env?: Record<string, string>;
}

// Vitest runs from the repository root, as the other tests that read files assume.
const ROOT = process.cwd();

/**
 * Starts tests/setup/admin-api-instance.ts as its own Node process on the test
 * run's database (its own pool, Prisma client, solver and public catalog) and
 * resolves once it listens.
 */
export function startInstance(options: InstanceOptions): Promise<Instance> {
  const child: ChildProcess = spawn(
    process.execPath,
    ["--import", "./tests/setup/instance-hooks.mjs", "--import", "tsx", "tests/setup/admin-api-instance.ts"],
    {
      cwd: ROOT,
      stdio: ["pipe", "pipe", "pipe"],
      env: {
        ...process.env,
        NODE_ENV: "test",
        DATABASE_POOL_MAX: "4",
        // Every public read asks the database whether anything was published, so both instances answer from the same state.
        PUBLIC_CACHE_CHECK_MS: "0",
        TRIAGE_TEST_LOCK_VARIANT: options.lockVariant ?? "",
        TRIAGE_TEST_LOCK_HOLD_MS: String(options.lockHoldMs ?? 500),
        ...options.env,
      },
    },
  );
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return new Promise<Instance>((resolve, reject) => {
    let stdout = "";
    const timer = setTimeout(() => fail(new Error(`instance ${options.name} did not start within 90 s`)), 90_000);
    function fail(error: Error) {
      clearTimeout(timer);
      child.kill();
      reject(new Error(`${error.message}\n${stderr}`));
    }
    const early = (code: number | null) => fail(new Error(`instance ${options.name} exited with ${code} before listening`));
    child.once("exit", early);
    child.stdout!.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8");
      const match = /listening (\S+)\n/.exec(stdout);
      if (!match) return;
      clearTimeout(timer);
      child.removeListener("exit", early);
      resolve({
        name: options.name,
        url: match[1],
        stderr: () => stderr,
        async stop() {
          if (child.exitCode !== null) return;
          child.stdin!.end();
          const killer = setTimeout(() => child.kill("SIGKILL"), 5_000);
          await exited;
          clearTimeout(killer);
        },
      });
    });
  });
}

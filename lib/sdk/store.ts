import type { PublishedRuleSet } from "../public/schemas";

/** The last good copy of a rule set, kept so a client can triage without a network. */
export interface StoredRuleSet {
  etag: string | null;
  ruleSet: PublishedRuleSet;
  fetchedAt: string;
}

export interface RuleSetStore {
  get(key: string): Promise<StoredRuleSet | undefined>;
  set(key: string, value: StoredRuleSet): Promise<void>;
  delete(key: string): Promise<void>;
}

export class MemoryStore implements RuleSetStore {
  private readonly items = new Map<string, StoredRuleSet>();
  async get(key: string) {
    return this.items.get(key);
  }
  async set(key: string, value: StoredRuleSet) {
    this.items.set(key, value);
  }
  async delete(key: string) {
    this.items.delete(key);
  }
}

/** Browser storage; a corrupt or foreign entry is treated as absent (the hash is checked again on use). */
export function localStorageStore(storage: Storage, prefix = "triage-studio:"): RuleSetStore {
  return {
    async get(key) {
      const raw = storage.getItem(prefix + key);
      if (!raw) return undefined;
      try {
        return JSON.parse(raw) as StoredRuleSet;
      } catch {
        return undefined;
      }
    },
    async set(key, value) {
      try {
        storage.setItem(prefix + key, JSON.stringify(value));
      } catch {
        // Storage full or disabled: the client still works online.
      }
    },
    async delete(key) {
      storage.removeItem(prefix + key);
    },
  };
}

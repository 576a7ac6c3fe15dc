import type { Prisma } from "@/lib/generated/prisma/client";

type Reader = Pick<Prisma.TransactionClient, "ruleSetVersion" | "draftRevision">;

/**
 * Everyone who wrote any of a version's content, for the four-eyes rule: whoever
 * saved an edit of it or submitted it, and — because a draft started from an
 * unpublished version carries that version's unreviewed content — the
 * contributors of its base, back to the last published version.
 */
export async function contributorsOf(db: Reader, versionId: string): Promise<Set<string>> {
  const contributors = new Set<string>();
  let current = await db.ruleSetVersion.findUnique({ where: { id: versionId } });
  const seen = new Set<string>();
  while (current && !seen.has(current.id)) {
    seen.add(current.id);
    const edits = await db.draftRevision.findMany({
      where: { versionId: current.id, isEdit: true },
      select: { savedById: true },
      distinct: ["savedById"],
    });
    for (const edit of edits) contributors.add(edit.savedById);
    if (current.submittedById) contributors.add(current.submittedById);
    if (current.basedOnNumber === null) break;
    const base = await db.ruleSetVersion.findUnique({
      where: { ruleSetId_number: { ruleSetId: current.ruleSetId, number: current.basedOnNumber } },
    });
    if (!base || base.state === "published") break;
    current = base;
  }
  return contributors;
}

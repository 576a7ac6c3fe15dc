"use server";

import { revalidatePath } from "next/cache";
import { actorOf } from "@/lib/auth/identity";
import { createApiToken, revokeApiToken } from "@/lib/auth/api-tokens";
import { requireActionIdentity } from "@/lib/auth/next";
import { db } from "@/lib/db/client";
import { runAction, type ActionResult } from "@/lib/http/action-result";

export async function createTokenAction(
  _previous: ActionResult<{ secret: string }> | undefined,
  form: FormData,
): Promise<ActionResult<{ secret: string }>> {
  return runAction(async () => {
    const identity = await requireActionIdentity("ownAccount");
    const expires = String(form.get("expiresInDays") ?? "");
    const { secret, token } = await createApiToken(db(), { ...actorOf(identity), id: identity.userId }, {
      name: String(form.get("name") ?? ""),
      expiresInDays: expires === "" ? undefined : (expires as unknown as number),
    });
    revalidatePath("/settings/tokens");
    return { message: `Token “${token.name}” created.`, data: { secret } };
  });
}

export async function revokeTokenAction(form: FormData): Promise<void> {
  const identity = await requireActionIdentity("ownAccount");
  await revokeApiToken(db(), { ...actorOf(identity), id: identity.userId }, String(form.get("tokenId") ?? ""));
  revalidatePath("/settings/tokens");
}

"use server";

import { revalidatePath } from "next/cache";
import { actorOf } from "@/lib/auth/identity";
import { requireActionIdentity } from "@/lib/auth/next";
import { db } from "@/lib/db/client";
import { runAction, type ActionResult } from "@/lib/http/action-result";
import { createUser, updateUser } from "@/lib/users/service";

function rolesFrom(form: FormData): string[] {
  return form.getAll("roles").map(String).filter((role) => role !== "");
}

export async function createUserAction(_previous: ActionResult | undefined, form: FormData): Promise<ActionResult> {
  return runAction(async () => {
    const identity = await requireActionIdentity("manageUsers");
    const password = String(form.get("password") ?? "");
    const user = await createUser(db(), actorOf(identity), {
      email: String(form.get("email") ?? ""),
      name: String(form.get("name") ?? ""),
      password: password === "" ? undefined : password,
      roles: rolesFrom(form) as never,
    });
    revalidatePath("/admin/users");
    return { message: `User ${user.email} created.` };
  });
}

export async function updateUserAction(_previous: ActionResult | undefined, form: FormData): Promise<ActionResult> {
  return runAction(async () => {
    const identity = await requireActionIdentity("manageUsers");
    const password = String(form.get("password") ?? "");
    const user = await updateUser(db(), actorOf(identity), {
      userId: String(form.get("userId") ?? ""),
      roles: rolesFrom(form) as never,
      active: form.get("active") === "on",
      password: password === "" ? undefined : password,
    });
    revalidatePath("/admin/users");
    return { message: `Saved ${user.email}.` };
  });
}

import "server-only";
import { notFound } from "next/navigation";
import { DomainError } from "@/lib/errors";

/** For pages: a service's 404 renders the not-found page instead of an error. */
export async function notFoundPage<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof DomainError && (error.status === 404 || error.status === 400)) notFound();
    throw error;
  }
}

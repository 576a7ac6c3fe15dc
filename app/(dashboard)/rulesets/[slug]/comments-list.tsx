import { formatWhen } from "@/components/format";
import type { CommentView } from "@/lib/reviews/comments";
import { resolveCommentAction } from "../review-actions";

/** Review comments, newest last; unresolved ones carry over from earlier versions. `canResolve` comes from the server's permissions. */
export function CommentsList({
  slug,
  comments,
  ruleTitles,
  canResolve,
}: {
  slug: string;
  comments: CommentView[];
  ruleTitles: Map<string, string>;
  canResolve: boolean;
}) {
  if (comments.length === 0) return <p className="text-sm text-slate-600">No comments.</p>;
  return (
    <ul className="space-y-3" data-testid="comments">
      {comments.map((comment) => (
        <li key={comment.id} className="rounded-md border border-slate-200 p-3" data-testid="comment">
          <div className="flex flex-wrap justify-between gap-2 text-xs text-slate-600">
            <span>
              {comment.author} on v{comment.versionNumber}
              {comment.ruleId ? ` · rule “${ruleTitles.get(comment.ruleId) ?? comment.ruleId}”` : " · whole version"}
            </span>
            <time dateTime={comment.createdAt.toISOString()}>{formatWhen(comment.createdAt)}</time>
          </div>
          <p className="mt-1 text-sm whitespace-pre-wrap">{comment.body}</p>
          {comment.resolvedAt ? (
            <p className="mt-1 text-xs text-green-800">
              Resolved by {comment.resolvedBy}, {formatWhen(comment.resolvedAt)}
            </p>
          ) : (
            canResolve && (
            <form action={resolveCommentAction} className="mt-2">
              <input type="hidden" name="slug" value={slug} />
              <input type="hidden" name="commentId" value={comment.id} />
              <button type="submit" className="btn-secondary px-2 py-1 text-xs">
                Mark resolved
              </button>
            </form>
            )
          )}
        </li>
      ))}
    </ul>
  );
}

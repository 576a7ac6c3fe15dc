/** Tags of a case; "red-flag" stands out (colour, weight and a flag icon, not colour alone). */
export function TagList({ tags }: { tags: readonly string[] }) {
  if (tags.length === 0) return null;
  return (
    <ul className="flex flex-wrap gap-1" aria-label="Tags">
      {tags.map((tag) =>
        tag === "red-flag" ? (
          <li key={tag} className="rounded border border-red-300 bg-red-100 px-1.5 text-xs font-semibold whitespace-nowrap text-red-800" data-testid="red-flag-tag">
            <span aria-hidden="true">⚑ </span>
            red-flag
          </li>
        ) : (
          <li key={tag} className="rounded bg-slate-100 px-1.5 text-xs whitespace-nowrap text-slate-700">
            {tag}
          </li>
        ),
      )}
    </ul>
  );
}

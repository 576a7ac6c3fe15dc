/**
 * Guidance text exactly as a client app shows it: GitHub-flavoured Markdown,
 * sanitised with rehype-sanitize's default (GitHub) schema, raw HTML dropped.
 *
 * Shared by the editor's live preview and the public demo client, so it uses no
 * hooks and no "use client": it renders the same in server and client components.
 */
import type { ComponentProps } from "react";
import Markdown, { type Components, type ExtraProps } from "react-markdown";
import rehypeSanitize from "rehype-sanitize";
import remarkGfm from "remark-gfm";

function Link({ node, ...props }: ComponentProps<"a"> & ExtraProps) {
  void node; // react-markdown passes the syntax-tree node; it must not reach the DOM.
  return <a {...props} rel="noopener noreferrer nofollow" className="font-medium text-brand-700 underline underline-offset-2 hover:text-brand-900" />;
}

function Table({ node, ...props }: ComponentProps<"table"> & ExtraProps) {
  void node;
  // Wide tables scroll on their own instead of widening the page on phones.
  return (
    <div className="my-3 overflow-x-auto">
      <table {...props} className="min-w-full border-collapse text-left text-sm" />
    </div>
  );
}

const COMPONENTS: Components = { a: Link, table: Table };

// Typography by hand (no typography plugin installed): element styles scoped to this wrapper.
const PROSE = [
  "text-sm leading-relaxed text-slate-800 break-words",
  "[&>*:first-child]:mt-0 [&>*:last-child]:mb-0",
  "[&_h1]:mt-5 [&_h1]:mb-2 [&_h1]:text-xl [&_h1]:font-semibold [&_h1]:text-slate-900",
  "[&_h2]:mt-5 [&_h2]:mb-2 [&_h2]:text-lg [&_h2]:font-semibold [&_h2]:text-slate-900",
  "[&_h3]:mt-4 [&_h3]:mb-1.5 [&_h3]:text-base [&_h3]:font-semibold [&_h3]:text-slate-900",
  "[&_h4]:mt-3 [&_h4]:mb-1 [&_h4]:font-semibold [&_h5]:font-semibold [&_h6]:font-semibold",
  "[&_p]:my-2",
  "[&_ul]:my-2 [&_ul]:list-disc [&_ul]:pl-5 [&_ol]:my-2 [&_ol]:list-decimal [&_ol]:pl-5 [&_li]:my-0.5",
  "[&_li>ul]:my-0.5 [&_li>ol]:my-0.5",
  "[&_.contains-task-list]:list-none [&_.contains-task-list]:pl-0 [&_input[type=checkbox]]:mr-1.5",
  "[&_strong]:font-semibold [&_strong]:text-slate-900 [&_em]:italic [&_del]:line-through",
  "[&_blockquote]:my-3 [&_blockquote]:border-l-4 [&_blockquote]:border-slate-300 [&_blockquote]:pl-3 [&_blockquote]:text-slate-700",
  "[&_code]:rounded [&_code]:bg-slate-100 [&_code]:px-1 [&_code]:py-0.5 [&_code]:font-mono [&_code]:text-[0.85em]",
  "[&_pre]:my-3 [&_pre]:overflow-x-auto [&_pre]:rounded-md [&_pre]:bg-slate-100 [&_pre]:p-3 [&_pre_code]:bg-transparent [&_pre_code]:p-0",
  "[&_hr]:my-4 [&_hr]:border-slate-200",
  "[&_th]:border [&_th]:border-slate-300 [&_th]:bg-slate-50 [&_th]:px-2 [&_th]:py-1 [&_th]:font-semibold",
  "[&_td]:border [&_td]:border-slate-300 [&_td]:px-2 [&_td]:py-1",
  "[&_img]:max-w-full [&_img]:h-auto",
].join(" ");

export interface GuidanceMarkdownProps {
  markdown: string;
  className?: string;
}

export function GuidanceMarkdown({ markdown, className }: GuidanceMarkdownProps) {
  return (
    <div className={`${PROSE} ${className ?? ""}`}>
      <Markdown remarkPlugins={[remarkGfm]} rehypePlugins={[rehypeSanitize]} components={COMPONENTS} skipHtml>
        {markdown}
      </Markdown>
    </div>
  );
}

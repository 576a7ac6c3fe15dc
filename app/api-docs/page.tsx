import type { Metadata } from "next";
import Link from "next/link";
import { openApiDocument } from "@/lib/public/openapi";

export const metadata: Metadata = { title: "Public API" };

type Operation = {
  operationId: string;
  summary: string;
  parameters?: { name: string; in: string; required: boolean }[];
  requestBody?: { content: Record<string, { schema: { $ref: string } }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: { $ref: string } }> }>;
};

const schemaName = (ref: string | undefined) => ref?.split("/").pop();

/** A readable rendering of the generated OpenAPI document; the JSON itself is at /api/public/openapi.json. */
export default function ApiDocsPage() {
  const document = openApiDocument();
  const paths = Object.entries(document.paths) as [string, Record<string, Operation>][];
  return (
    <main className="mx-auto max-w-4xl space-y-8 px-4 py-8">
      <header className="space-y-2">
        <h1 className="text-3xl font-semibold">{document.info.title}</h1>
        <p className="text-slate-700">{document.info.description}</p>
        <p className="text-sm">
          Machine-readable: <a className="text-brand-700 underline" href="/api/public/openapi.json">/api/public/openapi.json</a> (OpenAPI{" "}
          {document.openapi}). Reference client: <Link className="text-brand-700 underline" href="/check">the demo symptom checker</Link>.
        </p>
      </header>
      <section className="card space-y-2 text-sm">
        <h2 className="text-lg font-semibold">Caching and errors</h2>
        <ul className="list-disc space-y-1 pl-5">
          <li>Every document has a strong <code>ETag</code>; send it back as <code>If-None-Match</code> to get <code>304 Not Modified</code>.</li>
          <li>The current version may be cached for 30 s (then revalidate); a numbered version never changes and is cached as immutable.</li>
          <li>Send <code>Accept-Encoding: gzip</code> (browsers and fetch do): documents then arrive compressed to about a fifth of their size, with the same <code>ETag</code>.</li>
          <li>Verify a document: sha256 of its canonical JSON (RFC 8785) without <code>version</code>, <code>publishedAt</code> and <code>contentHash</code> equals <code>contentHash</code>.</li>
          <li>Errors are <code>application/problem+json</code>. A withdrawn rule set answers <code>410</code> with a <code>reason</code>: stop using any stored copy.</li>
          <li><code>evaluate</code> is rate-limited per client address; <code>429</code> carries <code>Retry-After</code>. Its body is JSON of at most 64 KiB.</li>
        </ul>
      </section>
      {paths.map(([path, methods]) =>
        Object.entries(methods).map(([method, operation]) => (
          <section key={`${method} ${path}`} className="card space-y-3" id={operation.operationId}>
            <h2 className="font-mono text-base">
              <span className="mr-2 rounded bg-brand-50 px-2 py-1 font-semibold uppercase text-brand-900">{method}</span>
              {path}
            </h2>
            <p>{operation.summary}</p>
            {operation.parameters && operation.parameters.length > 0 && (
              <p className="text-sm text-slate-700">
                Parameters: {operation.parameters.map((parameter) => `${parameter.name} (${parameter.in}${parameter.required ? ", required" : ""})`).join(", ")}
              </p>
            )}
            {operation.requestBody && (
              <p className="text-sm">Body: <a className="text-brand-700 underline" href={`#schema-${schemaName(Object.values(operation.requestBody.content)[0]?.schema.$ref)}`}>{schemaName(Object.values(operation.requestBody.content)[0]?.schema.$ref)}</a></p>
            )}
            <table className="w-full text-left text-sm">
              <tbody>
                {Object.entries(operation.responses).map(([status, response]) => {
                  const schema = schemaName(response.content ? Object.values(response.content)[0]?.schema.$ref : undefined);
                  return (
                    <tr key={status} className="border-t border-slate-100">
                      <td className="py-1 pr-4 font-mono">{status}</td>
                      <td className="py-1 pr-4">{response.description}</td>
                      <td className="py-1">{schema && <a className="text-brand-700 underline" href={`#schema-${schema}`}>{schema}</a>}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </section>
        )),
      )}
      <section className="space-y-3">
        <h2 className="text-2xl font-semibold">Schemas</h2>
        {Object.entries(document.components.schemas).map(([name, schema]) => (
          <details key={name} id={`schema-${name}`} className="card">
            <summary className="cursor-pointer font-mono font-semibold">{name}</summary>
            <pre className="mt-3 overflow-x-auto text-xs">{JSON.stringify(schema, null, 2)}</pre>
          </details>
        ))}
      </section>
    </main>
  );
}

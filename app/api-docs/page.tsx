import type { Metadata } from "next";
import Link from "next/link";
import { openApiDocument } from "@/lib/public/openapi";

type JsonSchema = { type?: string | string[]; description?: string; anyOf?: JsonSchema[]; items?: JsonSchema; $ref?: string; enum?: unknown[]; properties?: Record<string, JsonSchema>; required?: string[] };

/** "object | null", "array of object", "#Condition"… */
function typeName(schema: JsonSchema): string {
  if (schema.$ref) return schemaName(schema.$ref) ?? "object";
  if (schema.anyOf) return schema.anyOf.map(typeName).join(" | ");
  if (schema.enum) return schema.enum.map((value) => JSON.stringify(value)).join(" | ");
  if (schema.type === "array") return `array of ${schema.items ? typeName(schema.items) : "any"}`;
  return Array.isArray(schema.type) ? schema.type.join(" | ") : (schema.type ?? "any");
}

const PROVISIONAL_EXAMPLE = {
  disposition: { id: "see_doctor", label: "See a doctor", action: "Book an appointment…", urgencyRank: 2 },
  decidedBy: "default",
  final: false,
  couldEscalateTo: { id: "emergency", label: "Emergency", action: "Go to an emergency department or call emergency services now", urgencyRank: 0 },
  escalationFacts: [{ id: "bowel_bladder_change", question: "Any new loss of bowel or bladder control…?" }, { id: "saddle_numbness", question: "New numbness in the groin…?" }],
  complete: false,
};

export const metadata: Metadata = { title: "Public API" };

type Operation = {
  operationId: string;
  summary: string;
  description?: string;
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
      <section className="card space-y-3 border-red-200 text-sm" id="provisional" aria-labelledby="provisional-heading">
        <h2 id="provisional-heading" className="text-lg font-semibold">Provisional outcomes: read <code>final</code> first</h2>
        <p>
          People make health decisions from what your app shows. An evaluation of a half-finished questionnaire is <strong>provisional</strong> while
          answers to the questions still open could make it more urgent. The engine computes this soundly from the rules: <code>final</code> is never{" "}
          <code>true</code> while an escalation is reachable.
        </p>
        <ul className="list-disc space-y-1 pl-5">
          <li>
            <code>final: false</code>: show the label and action of <code>couldEscalateTo</code> (the most urgent disposition still reachable), not{" "}
            <code>disposition</code> and not <code>guidance</code>. Ask <code>escalationFacts</code> first, most urgent first.
          </li>
          <li>
            A person who skips those questions, or is not sure, keeps that advice: send no answer (or <code>null</code>) for “I’m not sure”, never a
            guessed “no”. Word it as “We could not rule out …, so …”; never style or word a provisional outcome as reassurance.
          </li>
          <li>
            <code>final: true</code>: show <code>disposition</code> and <code>guidance</code>. <code>missingFacts</code> may still refine it, only towards
            less urgent. <code>disposition: null</code> then means the rule set does not cover these answers: show your own safe fallback.
          </li>
          <li>
            The client SDK (<code>lib/sdk</code>) returns this as a typed state, <code>status: &quot;final&quot; | &quot;provisional&quot;</code>, and{" "}
            <code>adviceToShow(outcome)</code> picks the disposition to show.
          </li>
        </ul>
        <p>Nothing answered yet for back pain:</p>
        <pre className="overflow-x-auto rounded-md bg-slate-50 p-3 text-xs">{JSON.stringify(PROVISIONAL_EXAMPLE, null, 2)}</pre>
      </section>
      <section className="card space-y-2 text-sm">
        <h2 className="text-lg font-semibold">Caching and errors</h2>
        <ul className="list-disc space-y-1 pl-5">
          <li>Every document has a strong <code>ETag</code>; send it back as <code>If-None-Match</code> to get <code>304 Not Modified</code>.</li>
          <li>The current version may be cached for 30 s (then revalidate); a numbered version never changes and is cached as immutable.</li>
          <li>Send <code>Accept-Encoding: br, gzip</code> (browsers and fetch do): documents then arrive compressed to a fifth of their size or less. Each coding is its own representation with its own <code>ETag</code> (suffix <code>-br</code>, <code>-gz</code>); send back the one you got in <code>If-None-Match</code>. Other codings get identity.</li>
          <li>Verify a document: sha256 of its canonical JSON (RFC 8785) without <code>version</code>, <code>publishedAt</code> and <code>contentHash</code> equals <code>contentHash</code>.</li>
          <li>Errors are <code>application/problem+json</code>. A withdrawn rule set answers <code>410</code> with a <code>reason</code>: stop using any stored copy.</li>
          <li><code>evaluate</code> is rate-limited per client address; <code>429</code> carries <code>Retry-After</code>. Its body is JSON of at most 64 KiB.</li>
        </ul>
      </section>
      {paths.map(([path, methods]) =>
        // HEAD and OPTIONS are described in openapi.json; here only what a client calls.
        Object.entries(methods)
          .filter(([method]) => method !== "head" && method !== "options")
          .map(([method, operation]) => (
          <section key={`${method} ${path}`} className="card space-y-3" id={operation.operationId}>
            <h2 className="font-mono text-base">
              <span className="mr-2 rounded bg-brand-50 px-2 py-1 font-semibold uppercase text-brand-900">{method}</span>
              {path}
            </h2>
            <p>{operation.summary}</p>
            {operation.description && <p className="text-sm text-slate-800">{operation.description}</p>}
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
        {Object.entries(document.components.schemas).map(([name, schema]) => {
          const properties = Object.entries((schema as JsonSchema).properties ?? {});
          const required = new Set((schema as JsonSchema).required ?? []);
          return (
            <section key={name} id={`schema-${name}`} className="card space-y-3" aria-labelledby={`schema-${name}-heading`}>
              <h3 id={`schema-${name}-heading`} className="font-mono font-semibold">
                {name}
              </h3>
              {properties.length > 0 && (
                <table className="w-full text-left text-sm" data-testid={`schema-fields-${name}`}>
                  <thead>
                    <tr className="text-slate-600">
                      <th scope="col" className="py-1 pr-4 font-medium">Field</th>
                      <th scope="col" className="py-1 pr-4 font-medium">Type</th>
                      <th scope="col" className="py-1 font-medium">Meaning</th>
                    </tr>
                  </thead>
                  <tbody>
                    {properties.map(([field, property]) => (
                      <tr key={field} className="border-t border-slate-100 align-top">
                        <td className="py-1 pr-4 font-mono">
                          {field}
                          {!required.has(field) && <span className="text-slate-500">?</span>}
                        </td>
                        <td className="py-1 pr-4 font-mono text-xs">{typeName(property)}</td>
                        <td className="py-1">{property.description}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              <details>
                <summary className="cursor-pointer text-sm text-brand-700">JSON Schema</summary>
                <pre className="mt-3 overflow-x-auto text-xs">{JSON.stringify(schema, null, 2)}</pre>
              </details>
            </section>
          );
        })}
      </section>
    </main>
  );
}

// Reads rendered manifests (a multi-document YAML stream) on standard input and checks each object against the
// Kubernetes API's OpenAPI schema as kubernetes-models compiles it: a known apiVersion and kind, required fields,
// types, enums and formats. Unknown fields are the strict typed loader's part (tests/Coursera.Deploy.Tests).
// Prints one line per problem and exits 1 when there is any.
import { parseAllDocuments } from "yaml";

const input = await new Promise((resolve) => {
  let text = "";
  process.stdin.setEncoding("utf8");
  process.stdin.on("data", (chunk) => (text += chunk));
  process.stdin.on("end", () => resolve(text));
});

const problems = [];
for (const document of parseAllDocuments(input)) {
  if (document.errors.length > 0) {
    problems.push(`YAML: ${document.errors.map((e) => e.message).join("; ")}`);
    continue;
  }
  const object = document.toJS();
  if (object === null) continue;
  const name = `${object.kind}/${object.metadata?.name}`;
  const [group, version] = object.apiVersion?.includes("/") ? object.apiVersion.split("/") : [null, object.apiVersion];
  const path = `kubernetes-models/${group ? `${group}/` : ""}${version}/${object.kind}`;
  let model;
  try {
    model = (await import(path))[object.kind];
  } catch {
    problems.push(`${name}: no such kind in the Kubernetes API: apiVersion ${object.apiVersion}, kind ${object.kind}`);
    continue;
  }
  try {
    new model(object).validate();
  } catch (error) {
    for (const e of error.errors ?? [error]) {
      problems.push(`${name}: ${e.instancePath || "/"} ${e.message ?? e}`);
    }
  }
}

for (const problem of problems) console.log(problem);
process.exit(problems.length > 0 ? 1 : 0);

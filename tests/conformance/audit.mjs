// Runs the graphql-http server audits (GraphQL over HTTP specification) against a live endpoint.
// Usage: node audit.mjs http://127.0.0.1:5000/graphql — exits non-zero unless every audit passes.
import { serverAudits } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node audit.mjs <graphql endpoint url>');
  process.exit(2);
}

const audits = serverAudits({ url });
const results = await Promise.all(audits.map((audit) => audit.fn()));
const failures = results.filter((result) => result.status !== 'ok');
for (const failure of failures) {
  console.error(`  ${failure.status}: ${failure.name}\n    ${failure.reason}`);
}
const passed = results.length - failures.length;
console.log(`graphql-http audits at ${url}: ${passed} of ${results.length} passed`);
process.exit(failures.length === 0 && results.length === 61 ? 0 : 1);

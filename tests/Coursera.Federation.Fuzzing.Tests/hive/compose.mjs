// Composes a test federation's subgraphs with the Guild's composition (the one Hive Gateway's own tooling uses), so
// the reference gateway runs on a supergraph our composer had no part in. Reads [{ name, url, sdl }] as JSON on
// stdin, writes the supergraph SDL to stdout; composition errors go to stderr with exit code 1.
// Copied next to the pinned node_modules (bench/gateway/hive/package.json) by the fuzzing tests before it runs.
import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { composeServices } from '@theguild/federation-composition';

const services = JSON.parse(readFileSync(0, 'utf8')).map(({ name, url, sdl }) => ({ name, url, typeDefs: parse(sdl) }));
const result = composeServices(services);
if (result.errors?.length) {
  for (const error of result.errors) console.error(error.message);
  process.exit(1);
}
process.stdout.write(result.supergraphSdl);

// Composes the four benchmark subgraphs (their SDL files, pointed at the fixture's URLs) into a supergraph with the
// Guild's composition, for Hive Gateway. Usage: node compose.mjs OUT.graphql SDL_DIR BASE_PORT
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'graphql';
import { composeServices } from '@theguild/federation-composition';

const [out, sdlDir, basePort = '4201'] = process.argv.slice(2);
const names = ['accounts', 'products', 'inventory', 'reviews'];
const services = names.map((name, i) => ({
  name,
  typeDefs: parse(readFileSync(join(sdlDir, `${name}.graphql`), 'utf8')),
  url: `http://127.0.0.1:${Number(basePort) + i}/graphql`,
}));
const result = composeServices(services);
if (result.errors?.length) {
  for (const error of result.errors) console.error(error.message);
  process.exit(1);
}
writeFileSync(out, result.supergraphSdl);

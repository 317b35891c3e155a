// Bundles GraphiQL into dist/: index.html, graphiql.js and graphiql.css (the page), and the three Monaco workers. The
// gateway serves these files in Development; nothing is loaded from a CDN.
import { build } from 'esbuild';
import { copyFile, mkdir, rm } from 'node:fs/promises';

const out = new URL('./dist/', import.meta.url).pathname;
const common = {
  bundle: true,
  minify: true,
  sourcemap: 'linked',
  target: 'es2022',
  legalComments: 'linked',
  logLevel: 'warning',
  define: { 'process.env.NODE_ENV': '"production"' },
};

await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });
await Promise.all([
  build({
    ...common,
    entryPoints: { graphiql: 'src/main.jsx' },
    outdir: out,
    // A module, so that src/workers.js finds the workers beside it through import.meta.url.
    format: 'esm',
    jsx: 'automatic',
    // Monaco's icon font; GraphiQL's own fonts are inlined in its CSS already.
    loader: { '.ttf': 'file' },
    assetNames: '[name]',
  }),
  build({
    ...common,
    entryPoints: {
      'editor.worker': 'monaco-editor/esm/vs/editor/editor.worker.js',
      'json.worker': 'monaco-editor/esm/vs/language/json/json.worker.js',
      'graphql.worker': 'monaco-graphql/esm/graphql.worker.js',
    },
    outdir: out,
    format: 'iife',
  }),
]);
await copyFile('src/index.html', `${out}index.html`);

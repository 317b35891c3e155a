// Monaco (GraphiQL's editor) runs its language services in web workers. build.mjs bundles each worker into a file of
// its own beside graphiql.js; they are found relative to this module, so GraphiQL works under any URL prefix and nothing
// is fetched from a CDN.
const worker = (file) => new Worker(new URL(file, import.meta.url));

globalThis.MonacoEnvironment = {
  getWorker(_workerId, label) {
    switch (label) {
      case 'graphql':
        return worker('./graphql.worker.js');
      case 'json':
        return worker('./json.worker.js');
      default:
        return worker('./editor.worker.js');
    }
  },
};

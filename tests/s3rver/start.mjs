// Runs s3rver, an S3 protocol server, for the media service's S3 storage tests, with the bucket media-test made.
// Usage: node --openssl-legacy-provider start.mjs <port> <folder> — prints "s3rver ready on http://127.0.0.1:<port>"
// once it answers. Clients sign with the access key S3RVER and the secret S3RVER (s3rver's built-in account).
import crypto from 'node:crypto';
import { createRequire } from 'node:module';
import fs from 'node:fs/promises';
import path from 'node:path';
import S3rver from 's3rver';

// s3rver encrypts ListObjectsV2 continuation tokens with DES, which OpenSSL 3 keeps in its legacy provider: without it
// every listing that spans pages fails with an internal error, so refuse to start instead.
try {
  crypto.createCipheriv('des', Buffer.alloc(8), Buffer.alloc(8));
} catch {
  console.error('s3rver needs DES: run node with --openssl-legacy-provider');
  process.exit(2);
}

const require = createRequire(import.meta.url);
const S3Error = require('s3rver/lib/models/error');

const [port, directory] = process.argv.slice(2);
if (!port || !directory) {
  console.error('usage: node --openssl-legacy-provider start.mjs <port> <folder>');
  process.exit(2);
}

const server = new S3rver({
  address: '127.0.0.1',
  port: Number(port),
  directory,
  silent: true,
  // Path-style requests only: the tests name the bucket in the path, as the storage does with ForcePathStyle.
  vhostBuckets: false,
  configureBuckets: [{ name: 'media-test' }],
});

// s3rver 3.7.1 has no ListParts and no AbortMultipartUpload (both answer MethodNotAllowed), which the storage needs:
// they are added here over s3rver's own upload folder (uploads/<uploadId>/<part> and <part>.md5), with S3's answers.
// Everything else (initiate, the presigned part PUTs, complete, objects, listing, deletes) is s3rver's.
server.middleware.splice(server.middleware.length - 1, 0, async function multipartExtras(ctx, next) {
  const uploadId = ctx.query.uploadId;
  const [, bucket, ...key] = ctx.path.split('/');
  if (typeof uploadId !== 'string' || !bucket || key.length === 0 || !['GET', 'DELETE'].includes(ctx.method)) {
    return next();
  }

  const folder = path.join(server.store.getResourcePath(bucket, undefined, 'uploads'), path.basename(uploadId));
  const storedKey = await fs.readFile(path.join(folder, 'key'), 'utf8').catch(() => undefined);
  if (storedKey !== decodeURIComponent(key.join('/'))) {
    throw new S3Error('NoSuchUpload', 'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.', { UploadId: uploadId });
  }

  if (ctx.method === 'DELETE') {
    await fs.rm(folder, { recursive: true, force: true });
    ctx.status = 204;
    return;
  }

  const maxParts = Math.min(Number(ctx.query['max-parts'] ?? 1000), 1000);
  const marker = Number(ctx.query['part-number-marker'] ?? 0);
  const numbers = (await fs.readdir(folder)).filter((name) => /^\d+$/.test(name)).map(Number).sort((a, b) => a - b);
  const after = numbers.filter((number) => number > marker);
  const page = after.slice(0, maxParts);
  const parts = await Promise.all(page.map(async (number) => {
    const file = path.join(folder, String(number));
    const [stat, md5] = await Promise.all([fs.stat(file), fs.readFile(`${file}.md5`, 'utf8')]);
    return { PartNumber: number, LastModified: stat.mtime.toISOString(), ETag: JSON.stringify(md5), Size: stat.size };
  }));
  const truncated = after.length > page.length;
  ctx.body = {
    ListPartsResult: {
      '@': { xmlns: 'http://s3.amazonaws.com/doc/2006-03-01/' },
      Bucket: bucket,
      Key: storedKey,
      UploadId: uploadId,
      PartNumberMarker: marker,
      NextPartNumberMarker: truncated ? page[page.length - 1] : undefined,
      MaxParts: maxParts,
      IsTruncated: truncated,
      StorageClass: 'STANDARD',
      Part: parts,
    },
  };
});

const address = await server.run();
console.log(`s3rver ready on http://${address.address}:${address.port}`);

const stop = async () => {
  await server.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

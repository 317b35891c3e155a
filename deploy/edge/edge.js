// The edge's token check (njs 0.7.9, loaded by nginx.conf and nginx-s3.conf).
//
// A signed folder is /{kid}.{exp}.{sig}/{assetId}/ and sig = base64url(HMAC-SHA256(key, "{kid}.{exp}/{assetId}/")), so
// one token covers the manifests and every segment a player resolves relative to them. The check runs on r.uri, the
// path nginx has already decoded (%XX) and normalized (/./, /../, //): the asset a token is checked against is the one
// whose folder the file is served from.
//
// EDGE_KEYS holds "kid:base64secret,kid:base64secret": every listed key is accepted (the first signs, in the service).
//
// It fails closed: nginx.conf lets a request through only when $edge_verdict is exactly "allow", so an exception here
// (njs runs this module's top level again for every request, and a throw empties the variable) is a 403, never a pass.
// start.sh checks EDGE_KEYS before nginx starts; the same rules are checked here again.

var crypto = require('crypto');

var TOKEN = /^\/([A-Za-z0-9_-]{1,32})\.([0-9]{1,12})\.([A-Za-z0-9_-]{43})\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/((?:[A-Za-z0-9_-][A-Za-z0-9_.-]*\/)*[A-Za-z0-9_-][A-Za-z0-9_.-]*)$/;
var MAX_AGE = 86400;

function parseKeys(text) {
    var keys = Object.create(null);
    var count = 0;
    text.split(',').forEach(function (entry) {
        entry = entry.trim();
        if (entry === '') {
            return;
        }
        var colon = entry.indexOf(':');
        var kid = colon > 0 ? entry.slice(0, colon) : '';
        var secret = colon > 0 ? entry.slice(colon + 1).trim() : '';
        if (!/^[A-Za-z0-9_-]{1,32}$/.test(kid)) {
            throw new Error('EDGE_KEYS: an entry is not "kid:base64secret" with a kid of [A-Za-z0-9_-]{1,32}');
        }
        if (!/^[A-Za-z0-9+\/]+={0,2}$/.test(secret) || secret.length % 4 !== 0) {
            throw new Error('EDGE_KEYS: the secret of key "' + kid + '" is not base64');
        }
        var bytes = Buffer.from(secret, 'base64');
        if (bytes.length < 32) {
            throw new Error('EDGE_KEYS: the secret of key "' + kid + '" is shorter than 32 bytes');
        }
        if (Object.prototype.hasOwnProperty.call(keys, kid)) {
            throw new Error('EDGE_KEYS: key "' + kid + '" is listed twice');
        }
        keys[kid] = bytes;
        count++;
    });
    if (count === 0) {
        throw new Error('EDGE_KEYS is empty: set it to "kid:base64secret[,kid:base64secret...]"');
    }
    return keys;
}

// Compares every character whatever the first difference, so the time taken says nothing about the expected signature.
function sameText(a, b) {
    if (a.length !== b.length) {
        return false;
    }
    var diff = 0;
    for (var i = 0; i < a.length; i++) {
        diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
    }
    return diff === 0;
}

// The reason a request is refused, or '' when its token is good for the file it asks for.
function check(r, keys) {
    if (r.method !== 'GET' && r.method !== 'HEAD') {
        return 'method';
    }
    var m = TOKEN.exec(r.uri);
    if (m === null || m[5].indexOf('..') !== -1) {
        return 'path';
    }
    var kid = m[1];
    if (!Object.prototype.hasOwnProperty.call(keys, kid)) {
        return 'unknown-key';
    }
    var key = keys[kid];
    if (Number(m[2]) <= Date.now() / 1000) {
        return 'expired';
    }
    var expected = crypto.createHmac('sha256', key).update(kid + '.' + m[2] + '/' + m[4] + '/').digest('base64url');
    if (!sameText(expected, m[3])) {
        return 'signature';
    }
    return '';
}

// js_set $edge_verdict: "allow" lets the request through; anything else is why not (a 403 and its X-Edge-Denied).
function verdict(r) {
    var reason;
    try {
        reason = check(r, parseKeys(process.env.EDGE_KEYS || ''));
    } catch (e) {
        r.error('edge: ' + e.message);
        return 'configuration';
    }
    if (reason === '') {
        return 'allow';
    }
    if (reason !== 'path') {
        r.log('edge: refused (' + reason + ') ' + r.uri);
    }
    return reason;
}

// js_set $edge_cache_ok: a good response may be kept by the viewer's browser until the token expires, a day at most.
function cacheControl(r) {
    var m = TOKEN.exec(r.uri);
    var left = m === null ? 0 : Math.floor(Number(m[2]) - Date.now() / 1000);
    return 'private, max-age=' + Math.max(0, Math.min(MAX_AGE, left));
}

export default { verdict, cacheControl };

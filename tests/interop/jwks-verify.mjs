#!/usr/bin/env node
// Verifies auth-service access tokens the way an independent resource server
// would: `jose` fetches the published JWKS and checks signature, issuer,
// audience, expiry and the RFC 9068 `typ` (at+jwt). Nothing here knows our keys.
//
//   NODE_EXTRA_CA_CERTS=CA.pem node jwks-verify.mjs BASE_URL CA.pem TOKEN...
//       [--issuer=URL] [--audience=URI]
//
// Node reads NODE_EXTRA_CA_CERTS only at start-up, so the caller sets it; the CA
// path is passed too so that a mismatch fails loudly instead of as a TLS error.
// Prints one JSON object: {"jwks_uri", "issuer", "audience", "results": [...]},
// one result per token, in order. Exit status: 0 all verified, 1 some refused,
// 2 usage or set-up error.
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { realpathSync } from 'node:fs';

function fail(message) {
  process.stdout.write(JSON.stringify({ error: message }) + '\n');
  process.exit(2);
}

const positional = [];
const options = {};
for (const arg of process.argv.slice(2)) {
  const match = /^--(issuer|audience)=(.*)$/.exec(arg);
  if (match) options[match[1]] = match[2];
  else positional.push(arg);
}
const [baseUrl, caPath, ...tokens] = positional;
if (!baseUrl || !caPath || tokens.length === 0)
  fail('usage: jwks-verify.mjs BASE_URL CA_CERT_PATH TOKEN... [--issuer=URL] [--audience=URI]');

let expectedCa;
try {
  expectedCa = realpathSync(caPath);
} catch (e) {
  fail(`CA certificate ${caPath} cannot be read: ${e.message}`);
}
const extraCa = process.env.NODE_EXTRA_CA_CERTS;
if (!extraCa || realpathSync(extraCa) !== expectedCa)
  fail(`NODE_EXTRA_CA_CERTS must name ${caPath} (it is ${extraCa ?? 'unset'})`);

const base = baseUrl.replace(/\/+$/, '');
const issuer = options.issuer ?? base;
const audience = options.audience ?? base;
const jwksUri = new URL(`${base}/.well-known/jwks.json`);
// One key set for all tokens: it fetches once and refetches on an unknown kid,
// as a long-running verifier does across a key rotation.
const jwks = createRemoteJWKSet(jwksUri, { timeoutDuration: 10000, cooldownDuration: 0 });

const results = [];
for (const [index, token] of tokens.entries()) {
  let kid = null;
  try {
    kid = decodeProtectedHeader(token).kid ?? null;
  } catch {
    // reported by jwtVerify below
  }
  try {
    const { payload, protectedHeader } = await jwtVerify(token, jwks, {
      issuer,
      audience,
      typ: 'at+jwt',
      algorithms: ['RS256', 'ES256', 'EdDSA'],
      requiredClaims: ['sub', 'exp', 'iat', 'jti'],
    });
    results.push({
      index,
      verified: true,
      kid: protectedHeader.kid ?? null,
      alg: protectedHeader.alg,
      sub: payload.sub,
      jti: payload.jti,
      exp: payload.exp,
    });
  } catch (e) {
    results.push({ index, verified: false, kid, code: e.code ?? 'ERR_UNKNOWN', message: e.message });
  }
}

process.stdout.write(JSON.stringify({ jwks_uri: jwksUri.href, issuer, audience, results }) + '\n');
process.exit(results.every((r) => r.verified) ? 0 : 1);

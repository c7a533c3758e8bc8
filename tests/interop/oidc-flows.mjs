#!/usr/bin/env node
// Drives auth-service with `openid-client` (v6, built on oauth4webapi), a
// certified OpenID Connect relying party that checks the server against the
// specifications: discovery, client authentication, introspection, revocation,
// the authorization code flow with PKCE and nonce (ID token signature via the
// published JWKS, iss, aud, nonce), userinfo and refresh token rotation.
// The only part played by hand is the user at the login form, with fetch.
//
//   NODE_EXTRA_CA_CERTS=CA.pem node oidc-flows.mjs '<json config>'
//
// Config: {
//   "issuer": "https://127.0.0.1:PORT", "ca": "CA.pem",
//   "confidential": {"client_id", "client_secret", "redirect_uri", "cc_scope"},
//   "public": {"client_id", "redirect_uri"}           (optional),
//   "user": {"email", "password"}
// }
// Prints one JSON object {"issuer", "steps": {NAME: {ok, ...details | error}}}
// with the steps in the order they ran. A step whose precondition failed is
// reported as failed with "skipped: ..." so nothing silently disappears.
// Exit status: 0 all steps ok, 1 some failed, 2 usage or set-up error.
import * as client from 'openid-client';
import { realpathSync } from 'node:fs';

function fail(message) {
  process.stdout.write(JSON.stringify({ error: message }) + '\n');
  process.exit(2);
}

let cfg;
try {
  cfg = JSON.parse(process.argv[2] ?? '');
} catch (e) {
  fail(`usage: oidc-flows.mjs '<json config>' (${e.message})`);
}
for (const key of ['issuer', 'ca', 'confidential', 'user'])
  if (!cfg[key]) fail(`config lacks "${key}"`);
try {
  if (realpathSync(process.env.NODE_EXTRA_CA_CERTS ?? '') !== realpathSync(cfg.ca))
    fail(`NODE_EXTRA_CA_CERTS must name ${cfg.ca} (it is ${process.env.NODE_EXTRA_CA_CERTS})`);
} catch (e) {
  fail(`NODE_EXTRA_CA_CERTS must name ${cfg.ca} (it is ${process.env.NODE_EXTRA_CA_CERTS ?? 'unset'}): ${e.message}`);
}

const steps = {};

// Everything openid-client throws, flattened: ResponseBodyError carries the
// server's `error`/`error_description`/status; ClientError a code and cause.
function describe(e) {
  const out = { ok: false, error: `${e?.name ?? 'Error'}: ${e?.message ?? String(e)}` };
  if (e?.code) out.code = e.code;
  if (e?.error) out.oauth_error = e.error;
  if (e?.error_description) out.error_description = e.error_description;
  if (e?.status) out.status = e.status;
  const cause = e?.cause;
  if (cause && !(cause instanceof Response)) {
    try {
      out.cause = JSON.parse(JSON.stringify(cause, (k, v) => (v instanceof URL ? v.href : v)));
    } catch {
      out.cause = String(cause);
    }
    if (cause instanceof Error) out.cause = `${cause.name}: ${cause.message}`;
  }
  return out;
}

// Runs one step; `body` returns details (merged into {ok:true}) or throws.
async function step(name, body) {
  try {
    const details = (await body()) ?? {};
    steps[name] = { ok: true, ...details };
    return details;
  } catch (e) {
    steps[name] = e instanceof StepFailure ? { ok: false, error: e.message, ...e.details } : describe(e);
    return null;
  }
}

class StepFailure extends Error {
  constructor(message, details = {}) {
    super(message);
    this.details = details;
  }
}

function expect(condition, message, details) {
  if (!condition) throw new StepFailure(message, details);
}

function skipped(name, because) {
  steps[name] = { ok: false, error: `skipped: ${because}` };
}

// A step that must fail with a particular OAuth error.
async function expectOAuthError(name, expected, body) {
  try {
    await body();
    steps[name] = { ok: false, error: `expected ${expected}, but the request succeeded` };
  } catch (e) {
    const d = describe(e);
    steps[name] =
      e instanceof client.ResponseBodyError && e.error === expected
        ? { ok: true, oauth_error: e.error, status: e.status, error_description: e.error_description }
        : { ...d, ok: false, error: `expected ResponseBodyError ${expected}; got ${d.error}` };
  }
}

function htmlUnescape(text) {
  return text
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');
}

const timeout = () => AbortSignal.timeout(15000);

// The user's part: open the authorization URL, fill the login form with its
// hidden fields (CSRF token included) and the CSRF cookie, submit, and return
// the redirect's Location, which is where the browser would go next.
async function signIn(authorizationUrl) {
  const page = await fetch(authorizationUrl, { redirect: 'manual', signal: timeout() });
  const html = await page.text();
  expect(page.status === 200, `GET /oauth/authorize answered ${page.status}`, {
    location: page.headers.get('location'),
    body: html.slice(0, 300),
  });
  const cookie = page.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .find((c) => c.startsWith('__Host-auth_csrf='));
  expect(cookie, 'GET /oauth/authorize set no __Host-auth_csrf cookie');
  const form = new URLSearchParams();
  for (const m of html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g))
    form.append(htmlUnescape(m[1]), htmlUnescape(m[2]));
  expect(form.get('csrf_token'), 'the login form has no csrf_token field');
  form.append('email', cfg.user.email);
  form.append('password', cfg.user.password);
  form.append('action', 'login');
  const action = new URL('/oauth/authorize', authorizationUrl);
  const submitted = await fetch(action, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: form,
    signal: timeout(),
  });
  const location = submitted.headers.get('location');
  expect(submitted.status === 302 && location, `POST /oauth/authorize answered ${submitted.status}`, {
    location,
    body: (await submitted.text()).slice(0, 300),
  });
  return new URL(location);
}

// The authorization request exactly as openid-client builds it: URLSearchParams
// serialises it as application/x-www-form-urlencoded, so the spaces in `scope`
// are '+' (RFC 6749 §4.1.1 and Appendix B; WHATWG URL). The server must show its
// login page for it, not an error redirect. Reported as its own step
// (`<prefix>authorization_request`); when it fails, the flow goes on with the
// same URL with '+' written as %20, so the later steps still say something.
async function authorizationRequest(name, url) {
  const probe = await fetch(url, { redirect: 'manual', signal: timeout() });
  await probe.arrayBuffer();
  if (probe.status === 200) {
    steps[name] = { ok: true, url: url.href };
    return url;
  }
  const location = probe.headers.get('location');
  const error = location ? new URL(location).searchParams : new URLSearchParams();
  steps[name] = {
    ok: false,
    error:
      `GET ${url.pathname} with the request as openid-client built it answered ${probe.status}` +
      (error.get('error') ? ` ${error.get('error')}: ${error.get('error_description')}` : '') +
      (url.search.includes('+')
        ? " (its query encodes spaces as '+', per application/x-www-form-urlencoded)"
        : ''),
    url: url.href,
    location,
  };
  const retry = new URL(url);
  retry.search = url.search.replaceAll('+', '%20');
  return retry;
}

// The authorization code flow as openid-client runs it; returns the tokens.
async function codeFlow(config, redirectUri, scope, prefix) {
  const codeVerifier = client.randomPKCECodeVerifier();
  const codeChallenge = await client.calculatePKCECodeChallenge(codeVerifier);
  const state = client.randomState();
  const nonce = client.randomNonce();
  const built = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope,
    code_challenge: codeChallenge,
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  const url = await authorizationRequest(`${prefix}authorization_request`, built);
  const callback = await signIn(url);
  const tokens = await client.authorizationCodeGrant(config, callback, {
    pkceCodeVerifier: codeVerifier,
    expectedState: state,
    expectedNonce: nonce,
    idTokenExpected: true,
  });
  const claims = tokens.claims();
  expect(claims?.sub, 'the ID token has no sub');
  expect(claims.nonce === nonce, `ID token nonce ${claims.nonce} is not the one sent`);
  return { tokens, claims, callback, nonce, workaround: url !== built };
}

const issuer = new URL(cfg.issuer);
const conf = cfg.confidential;

// 1. Discovery, strict: the document's issuer must equal the URL it came from.
let config = null;
let basicConfig = null;
await step('discovery', async () => {
  config = await client.discovery(issuer, conf.client_id, conf.client_secret, undefined, {
    timeout: 15,
  });
  basicConfig = await client.discovery(
    issuer,
    conf.client_id,
    undefined,
    client.ClientSecretBasic(conf.client_secret),
    { timeout: 15 },
  );
  const md = config.serverMetadata();
  return {
    issuer: md.issuer,
    token_endpoint: md.token_endpoint,
    supportsPKCE: md.supportsPKCE(),
  };
});

// 2. client_credentials, with client_secret_post (the default) and client_secret_basic.
let accessToken = null;
if (config) {
  await step('client_credentials_post', async () => {
    const tokens = await client.clientCredentialsGrant(config, { scope: conf.cc_scope });
    expect(tokens.access_token, 'no access_token');
    expect(tokens.token_type?.toLowerCase() === 'bearer', `token_type ${tokens.token_type}`);
    return { scope: tokens.scope, expires_in: tokens.expiresIn() };
  });
  await step('client_credentials_basic', async () => {
    const tokens = await client.clientCredentialsGrant(basicConfig, { scope: conf.cc_scope });
    expect(tokens.access_token, 'no access_token');
    accessToken = tokens.access_token;
    return { scope: tokens.scope, expires_in: tokens.expiresIn() };
  });
} else {
  for (const name of ['client_credentials_post', 'client_credentials_basic']) skipped(name, 'discovery failed');
}

// 3. Introspection, revocation, introspection again.
if (accessToken) {
  await step('introspection_active', async () => {
    const result = await client.tokenIntrospection(config, accessToken);
    expect(result.active === true, 'introspection says inactive', { response: result });
    expect(result.client_id === conf.client_id, `client_id ${result.client_id}`, { response: result });
    return { client_id: result.client_id, scope: result.scope, token_type: result.token_type };
  });
  await step('revocation', async () => {
    await client.tokenRevocation(config, accessToken, { token_type_hint: 'access_token' });
  });
  await step('introspection_after_revocation', async () => {
    const result = await client.tokenIntrospection(basicConfig, accessToken);
    expect(result.active === false, 'the revoked token is still active', { response: result });
    return { active: result.active };
  });
} else {
  for (const name of ['introspection_active', 'revocation', 'introspection_after_revocation'])
    skipped(name, 'no access token from client_credentials');
}

// 4. Authorization code + PKCE + nonce with the confidential client.
let flow = null;
if (config) {
  await step('authorization_code', async () => {
    flow = await codeFlow(config, conf.redirect_uri, 'openid profile email', '');
    const { tokens, claims, callback, workaround } = flow;
    expect(tokens.refresh_token, 'no refresh_token');
    return {
      sub: claims.sub,
      nonce_matches: true,
      aud: claims.aud,
      iss: claims.iss,
      id_token_email: claims.email,
      scope: tokens.scope,
      callback_params: [...callback.searchParams.keys()],
      ...(workaround ? { note: "authorization_request failed; ran with scope spaces as %20" } : {}),
    };
  });
} else {
  for (const name of ['authorization_request', 'authorization_code']) skipped(name, 'discovery failed');
}

// 5. UserInfo, with the ID token's subject as the expected one.
if (flow) {
  await step('userinfo', async () => {
    const info = await client.fetchUserInfo(config, flow.tokens.access_token, flow.claims.sub);
    expect(info.email === cfg.user.email, `email ${info.email}`, { response: info });
    return { sub: info.sub, email: info.email, name: info.name };
  });
} else {
  skipped('userinfo', 'the authorization code flow failed');
}

// 6. Refresh token rotation; replaying the old token ends the whole family.
if (flow?.tokens.refresh_token) {
  const first = flow.tokens.refresh_token;
  let second = null;
  await step('refresh_rotation', async () => {
    const tokens = await client.refreshTokenGrant(config, first);
    expect(tokens.access_token, 'no access_token');
    expect(tokens.refresh_token, 'no new refresh_token');
    expect(tokens.refresh_token !== first, 'the refresh token was not rotated');
    second = tokens.refresh_token;
    return { scope: tokens.scope };
  });
  if (second) {
    await expectOAuthError('refresh_reuse_refused', 'invalid_grant', () =>
      client.refreshTokenGrant(config, first),
    );
    await expectOAuthError('refresh_family_revoked', 'invalid_grant', () =>
      client.refreshTokenGrant(config, second),
    );
  } else {
    for (const name of ['refresh_reuse_refused', 'refresh_family_revoked']) skipped(name, 'no rotated token');
  }
} else {
  for (const name of ['refresh_rotation', 'refresh_reuse_refused', 'refresh_family_revoked'])
    skipped(name, 'no refresh token from the authorization code flow');
}

// 7. A public client (token_endpoint_auth_method none) through the same flow.
if (cfg.public) {
  let publicConfig = null;
  await step('public_discovery', async () => {
    publicConfig = await client.discovery(issuer, cfg.public.client_id, undefined, client.None(), {
      timeout: 15,
    });
  });
  if (publicConfig) {
    await step('public_authorization_code', async () => {
      const { tokens, claims, workaround } = await codeFlow(
        publicConfig,
        cfg.public.redirect_uri,
        'openid email',
        'public_',
      );
      const info = await client.fetchUserInfo(publicConfig, tokens.access_token, claims.sub);
      expect(info.email === cfg.user.email, `userinfo email ${info.email}`, { response: info });
      return {
        sub: claims.sub,
        aud: claims.aud,
        scope: tokens.scope,
        ...(workaround ? { note: 'public_authorization_request failed; ran with scope spaces as %20' } : {}),
      };
    });
  } else {
    for (const name of ['public_authorization_request', 'public_authorization_code'])
      skipped(name, 'public discovery failed');
  }
}

process.stdout.write(JSON.stringify({ issuer: issuer.href, steps }) + '\n');
process.exit(Object.values(steps).every((s) => s.ok) ? 0 : 1);

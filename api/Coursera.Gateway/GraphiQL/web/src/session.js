// Signs a developer in with the identity service's authorization code flow and PKCE (the GraphiQL public client), and
// keeps the access token for this tab only (sessionStorage): GraphiQL then sends it with every operation. The redirect
// comes back to the GraphQL endpoint, which serves this page again with ?code=…&state=….
import { redirectUri, settings } from './settings.js';

const tokenKey = 'coursera-graphiql:token';
const pendingKey = 'coursera-graphiql:pending-sign-in';

// Refresh tokens are not asked for: when the access token expires, signing in again is one redirect, because the
// identity service's own session cookie is still there.
const unwantedScopes = new Set(['offline_access']);

const listeners = new Set();
let state = { token: readToken(), error: null, busy: false };

function readToken() {
  try {
    const token = JSON.parse(sessionStorage.getItem(tokenKey) || 'null');
    return token && token.expiresAt > Date.now() ? token : null;
  } catch {
    return null;
  }
}

function update(change) {
  state = { ...state, ...change };
  listeners.forEach((listener) => listener());
}

export const session = {
  subscribe(listener) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  snapshot: () => state,
  /** The bearer token to send, or null once it has expired (the page then shows the developer as signed out). */
  accessToken() {
    if (state.token && state.token.expiresAt <= Date.now()) {
      sessionStorage.removeItem(tokenKey);
      update({ token: null, error: 'The access token expired; sign in again.' });
    }
    return state.token?.accessToken ?? null;
  },
};

async function discovery() {
  const url = new URL('.well-known/openid-configuration', settings.authority);
  const response = await fetch(url);
  if (!response.ok) {
    throw new Error(`The identity service's discovery document (${url}) answered ${response.status}.`);
  }
  return response.json();
}

function base64Url(bytes) {
  return btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomString() {
  return base64Url(crypto.getRandomValues(new Uint8Array(32)));
}

/** Starts the sign-in: remembers the PKCE verifier and state for this tab, then leaves for the authorization endpoint. */
export async function signIn() {
  update({ busy: true, error: null });
  try {
    if (!crypto.subtle) {
      throw new Error('Signing in needs a secure context: open GraphiQL over https, or on 127.0.0.1 or localhost.');
    }
    const configuration = await discovery();
    const verifier = randomString();
    const challenge = base64Url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
    const requestState = randomString();
    sessionStorage.setItem(pendingKey, JSON.stringify({ verifier, state: requestState, tokenEndpoint: configuration.token_endpoint }));
    const scopes = (configuration.scopes_supported || ['openid', 'profile']).filter((s) => !unwantedScopes.has(s));
    const authorize = new URL(configuration.authorization_endpoint);
    authorize.search = new URLSearchParams({
      response_type: 'code',
      client_id: settings.clientId,
      redirect_uri: redirectUri,
      scope: scopes.join(' '),
      state: requestState,
      code_challenge: challenge,
      code_challenge_method: 'S256',
    }).toString();
    window.location.assign(authorize.toString());
  } catch (error) {
    update({ busy: false, error: error.message });
  }
}

/** Forgets the token and ends the identity service's session too, coming back here signed out. */
export async function signOut() {
  const idToken = state.token?.idToken;
  sessionStorage.removeItem(tokenKey);
  update({ token: null, error: null });
  try {
    const configuration = await discovery();
    if (configuration.end_session_endpoint && idToken) {
      const endSession = new URL(configuration.end_session_endpoint);
      endSession.search = new URLSearchParams({ id_token_hint: idToken, post_logout_redirect_uri: redirectUri }).toString();
      window.location.assign(endSession.toString());
    }
  } catch (error) {
    update({ error: error.message });
  }
}

function claimsOf(jwt) {
  try {
    const payload = atob(jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'));
    return JSON.parse(new TextDecoder().decode(Uint8Array.from(payload, (c) => c.charCodeAt(0))));
  } catch {
    return {};
  }
}

/**
 * Back from the authorization endpoint: checks the state, redeems the code with the verifier, and takes the
 * parameters off the address so that a reload does not try to redeem the same code again.
 */
export async function completeSignIn() {
  const parameters = new URLSearchParams(window.location.search);
  if (!parameters.has('code') && !parameters.has('error')) {
    return;
  }
  window.history.replaceState(null, '', settings.endpoint);
  const pending = JSON.parse(sessionStorage.getItem(pendingKey) || 'null');
  sessionStorage.removeItem(pendingKey);
  if (parameters.has('error')) {
    update({ error: `Sign-in refused: ${parameters.get('error_description') || parameters.get('error')}` });
    return;
  }
  if (!pending || pending.state !== parameters.get('state')) {
    update({ error: 'Sign-in answer not recognised (it was not started in this tab); sign in again.' });
    return;
  }
  update({ busy: true });
  try {
    const response = await fetch(pending.tokenEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: parameters.get('code'),
        redirect_uri: redirectUri,
        client_id: settings.clientId,
        code_verifier: pending.verifier,
      }),
    });
    const answer = await response.json();
    if (!response.ok) {
      throw new Error(answer.error_description || answer.error || `The token endpoint answered ${response.status}.`);
    }
    const claims = claimsOf(answer.id_token || answer.access_token);
    const token = {
      accessToken: answer.access_token,
      idToken: answer.id_token,
      expiresAt: Date.now() + (answer.expires_in || 300) * 1000,
      name: claims.name || claims.email || claims.sub,
      email: claims.email,
      scope: answer.scope,
    };
    sessionStorage.setItem(tokenKey, JSON.stringify(token));
    update({ token, busy: false, error: null });
  } catch (error) {
    update({ busy: false, error: `Sign-in failed: ${error.message}` });
  }
}

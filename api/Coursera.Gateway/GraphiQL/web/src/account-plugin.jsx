// The "Account" pane of GraphiQL's sidebar: who the operations run as, and the way to sign in or out.
import { Button } from '@graphiql/react';
import { useSyncExternalStore } from 'react';
import { session, signIn, signOut } from './session.js';

export function useSession() {
  return useSyncExternalStore(session.subscribe, session.snapshot);
}

function AccountIcon() {
  return (
    <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden="true">
      <circle cx="12" cy="8" r="4" />
      <path d="M4 21c0-4.4 3.6-8 8-8s8 3.6 8 8" />
    </svg>
  );
}

function minutesLeft(expiresAt) {
  return Math.max(0, Math.round((expiresAt - Date.now()) / 60000));
}

function AccountPane() {
  const { token, error, busy } = useSession();
  return (
    <div className="coursera-account">
      <div className="graphiql-doc-explorer-title">Account</div>
      {token ? (
        <>
          <p>
            Operations run as <strong>{token.name}</strong>
            {token.email && token.email !== token.name ? ` (${token.email})` : ''}; the token expires in{' '}
            {minutesLeft(token.expiresAt)} min.
          </p>
          {token.scope && <p className="coursera-account-scopes">Scopes: {token.scope}</p>}
          <Button type="button" onClick={signOut}>
            Sign out
          </Button>
        </>
      ) : (
        <>
          <p>Not signed in: operations run anonymously.</p>
          <Button type="button" onClick={signIn} disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </Button>
        </>
      )}
      {error && (
        <p className="coursera-account-error" role="alert">
          {error}
        </p>
      )}
      <p className="coursera-account-hint">
        Development users and their passwords are in <code>.data/dev-credentials.json</code> (written by{' '}
        <code>./run.sh</code>). To call as an API client instead, get a token from <code>/connect/token</code>{' '}
        (client credentials) and put <code>{'{"Authorization": "Bearer …"}'}</code> in the Headers tab: it takes the
        place of the signed-in user's token.
      </p>
    </div>
  );
}

export const accountPlugin = { title: 'Account', icon: AccountIcon, content: AccountPane };

// GraphiQL for the gateway, served to browsers at the GraphQL endpoint in Development.
import './workers.js';
import 'graphiql/style.css';
import './coursera.css';
import { GraphiQL, HISTORY_PLUGIN } from 'graphiql';
import { createRoot } from 'react-dom/client';
import { accountPlugin, useSession } from './account-plugin.jsx';
import { createFetcher } from './fetcher.js';
import { completeSignIn } from './session.js';

const fetcher = createFetcher();

// GraphiQL recognises its logo slot by the element's type, so the signed-in name goes inside GraphiQL.Logo.
function SignedInAs() {
  const { token } = useSession();
  return token ? `Coursera · ${token.name}` : 'Coursera';
}

function App() {
  return (
    <GraphiQL fetcher={fetcher} plugins={[HISTORY_PLUGIN, accountPlugin]}>
      <GraphiQL.Logo>
        <SignedInAs />
      </GraphiQL.Logo>
    </GraphiQL>
  );
}

completeSignIn();
createRoot(document.getElementById('graphiql')).render(<App />);

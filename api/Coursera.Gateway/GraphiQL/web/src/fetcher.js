// GraphiQL's requests: POST for queries and mutations, graphql-transport-ws on the same path for subscriptions. The
// signed-in developer's token goes with each of them (the WebSocket carries it in connection_init, which the gateway
// reads as the Authorization header) unless the Headers tab sets an Authorization of its own, e.g. an API client's token.
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { session } from './session.js';
import { settings } from './settings.js';

function webSocketUrl() {
  const url = new URL(settings.endpoint, window.location.origin);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

function withToken(headers) {
  const token = session.accessToken();
  const own = headers && Object.keys(headers).some((name) => name.toLowerCase() === 'authorization');
  return token && !own ? { ...headers, Authorization: `Bearer ${token}` } : headers;
}

export function createFetcher() {
  const fetcher = createGraphiQLFetcher({
    url: settings.endpoint,
    subscriptionUrl: webSocketUrl(),
    // The gateway has no incremental delivery (@defer, @stream): plain GraphQL-over-HTTP JSON answers.
    enableIncrementalDelivery: false,
  });
  return (parameters, options) => fetcher(parameters, { ...options, headers: withToken(options?.headers) });
}

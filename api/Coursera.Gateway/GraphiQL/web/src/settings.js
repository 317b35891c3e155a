// What the gateway tells the page (GraphiQLPage writes it into index.html): where GraphQL is served, and who signs
// developers in. Opened from disk or a bare static server, the page falls back to its own origin.
const element = document.getElementById('graphiql-settings');
const served = element ? JSON.parse(element.textContent || '{}') : {};

export const settings = {
  endpoint: served.endpoint || '/graphql',
  authority: served.authority || `${window.location.origin}/`,
  clientId: served.clientId || 'coursera-graphiql',
};

/** The redirect URI registered for the GraphiQL client: the GraphQL endpoint itself, which serves this page to browsers. */
export const redirectUri = new URL(settings.endpoint, window.location.origin).toString();

/**
 * Asks ahead for the data of the page a person goes to (utils/pageAsks.ts), as the route
 * resolves, dropping what the page they leave did not take. The first page's data was asked
 * for as the app started (plugins/api.ts).
 */
let first = true;

export default defineNuxtRouteMiddleware((to) => {
  if (first) {
    first = false;
    return;
  }
  const { $apiAhead, $earlyAnswers } = useNuxtApp();
  $earlyAnswers.forget();
  if (useSession().session.value) askAhead($apiAhead, to.path);
});

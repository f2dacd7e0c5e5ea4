/** Sends visitors to the login page, and users away from pages their role may not open. */
export default defineNuxtRouteMiddleware(async (to) => {
  const { load, can } = useSession();
  const localePath = useLocalePath();
  const session = await load();

  if (to.meta.public) {
    return to.meta.guestOnly && session ? navigateTo(localePath('/')) : undefined;
  }
  if (!session) {
    return navigateTo(localePath({ path: '/login', query: { next: to.fullPath } }));
  }
  if (to.meta.permission && !can(to.meta.permission)) return navigateTo(localePath('/'));
});

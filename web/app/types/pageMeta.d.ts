import type { Permission } from '@monity/sdk';

declare module '#app' {
  interface PageMeta {
    /** Reachable without logging in. */
    public?: boolean;
    /** Only for visitors who are not logged in (login, signup): others go home. */
    guestOnly?: boolean;
    /** The permission a user needs to open the page. */
    permission?: Permission;
  }
}

export {};

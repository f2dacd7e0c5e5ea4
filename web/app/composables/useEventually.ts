/**
 * The lists and cards read a projection that follows the event store a moment behind a
 * change: after a change, ask again until the answer shows it (or give up after ~3 s and
 * show what there is).
 */
export function useEventually() {
  return async (refresh: () => Promise<unknown>, shows: () => boolean): Promise<void> => {
    for (let attempt = 0; attempt < 15; attempt++) {
      await refresh();
      if (shows()) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };
}

/**
 * False until the browser has painted the component once (once `shown()` is true, if given),
 * then true. For parts of a page below the first screen (a process's builder under its
 * figures, the steps after a process's first, a group's members): rendered just after that
 * paint, they do not hold back what the first screen shows.
 */
export function useAfterFirstPaint(shown: () => boolean = () => true): Ref<boolean> {
  const painted = ref(false);
  onMounted(() => {
    const stop = watch(
      shown,
      (now) => {
        if (!now || painted.value) return;
        // The frame's callbacks run before it is painted; a task queued from them runs after.
        requestAnimationFrame(() => setTimeout(() => (painted.value = true)));
        queueMicrotask(() => stop());
      },
      { immediate: true, flush: 'post' },
    );
  });
  return painted;
}

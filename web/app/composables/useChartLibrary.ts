/**
 * ApexCharts, fetched only once the page around a chart has been painted: the library is the
 * largest script of the app (about 580 kB, 130 kB compressed), and a page's figures must not
 * wait for it to be downloaded and parsed. `painted` turns true a frame after the chart's
 * component is mounted; the component is then the async one that imports the library.
 */
export function useChartLibrary() {
  const painted = ref(false);
  onMounted(() => {
    // The frame after the one that shows the figures; a timeout too, for a tab in background.
    requestAnimationFrame(() => setTimeout(() => (painted.value = true)));
  });
  return { painted, ApexChart: LAZY_APEX_CHART };
}

const LAZY_APEX_CHART = defineAsyncComponent(() => import('vue3-apexcharts'));

/**
 * Buffers one tenant's scans reuse instead of allocating megabytes per preview (which the
 * garbage collector then pauses for). A scan runs to its end without yielding to the event
 * loop, so one set serves every scan of the tenant in turn; the scan leaves the cell and
 * customer buffers zeroed (or, for `largest`, at -1) for the next.
 */
export class ScanScratch {
  private slotBuffer = new Int32Array(0);
  private countBuffer = new Int32Array(0);
  private sumBuffer = new Float64Array(0);
  private largestBuffer = new Float64Array(0);

  slots(size: number): Int32Array {
    if (this.slotBuffer.length < size) this.slotBuffer = new Int32Array(size);
    return this.slotBuffer;
  }

  /** Per cell (customer and currency) a count and a sum, all zero. */
  cells(cells: number): { counts: Int32Array; sums: Float64Array } {
    if (this.countBuffer.length < cells) {
      this.countBuffer = new Int32Array(cells);
      this.sumBuffer = new Float64Array(cells);
    }
    return { counts: this.countBuffer, sums: this.sumBuffer };
  }

  /** Per customer a largest sum, all -1 (sums are positive). */
  largest(customers: number): Float64Array {
    if (this.largestBuffer.length < customers) {
      this.largestBuffer = new Float64Array(customers).fill(-1);
    }
    return this.largestBuffer;
  }
}

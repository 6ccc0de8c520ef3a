/** One bucket of a histogram: values in [from, to) (`to` null for the last, open-ended one), and how many. */
export interface HistogramBucket {
  from: number;
  to: number | null;
  count: number;
}

/**
 * The continuous percentile (as `percentile_cont`) of the values a histogram counts, to bucket
 * resolution: the values of a bucket are taken as spread evenly over it, so the answer lies in
 * the bucket of the exact percentile's neighbours. The open-ended last bucket puts its values at
 * its lower bound. Null for an empty histogram.
 */
export function histogramPercentile(buckets: readonly HistogramBucket[], fraction: number): number | null {
  const total = buckets.reduce((sum, b) => sum + b.count, 0);
  if (total === 0) return null;
  const position = fraction * (total - 1);
  const lower = Math.floor(position);
  const below = valueAtRank(buckets, lower);
  const above = valueAtRank(buckets, Math.min(total - 1, lower + 1));
  return below + (position - lower) * (above - below);
}

function valueAtRank(buckets: readonly HistogramBucket[], rank: number): number {
  let before = 0;
  for (const b of buckets) {
    if (rank < before + b.count) {
      if (b.to === null) return b.from;
      return b.from + ((rank - before + 0.5) / b.count) * (b.to - b.from);
    }
    before += b.count;
  }
  throw new RangeError(`rank ${rank} is beyond the histogram`);
}

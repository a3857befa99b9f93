-- Shared by the wrk runs: prints the latency percentiles and throughput on
-- one line, in milliseconds, so scripts/bench can collect them.
done = function(summary, latency, requests)
  local secs = summary.duration / 1e6
  io.write(string.format(
    "RESULT rps=%.0f p50=%.2fms p95=%.2fms p99=%.2fms max=%.2fms requests=%d errors=%d\n",
    summary.requests / secs,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000,
    summary.requests,
    summary.errors.status + summary.errors.connect + summary.errors.read
      + summary.errors.write + summary.errors.timeout))
end

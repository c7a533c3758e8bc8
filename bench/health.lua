-- wrk script: GET /health, the probe a load balancer sends. Run beside login.lua
-- to see whether password hashing starves the request threads.
wrk.method = "GET"
wrk.path = "/health"

done = function(summary, latency, requests)
  local secs = summary.duration / 1e6
  local failed = summary.errors.status + summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout
  io.write(string.format(
    "RESULT health requests=%d failed=%d seconds=%.3f per_s=%.1f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f\n",
    summary.requests, failed, secs, summary.requests / secs,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end

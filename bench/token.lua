-- wrk script: POST /oauth/token with grant_type=client_credentials for the confidential
-- client auth-throughput.sh registered, authenticated with HTTP Basic (client_secret_basic).
-- BENCH_CLIENT_BASIC is the base64 of "client_id:client_secret", computed by the driver
-- (wrk's Lua has no base64). Each request costs the server one SHA-256 secret check,
-- one client lookup and one JWT signature.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] = "Basic " .. (os.getenv("BENCH_CLIENT_BASIC") or "")
wrk.body = "grant_type=client_credentials&scope=" .. (os.getenv("BENCH_SCOPE") or "read")

-- One machine-readable line for the driver script; wrk's own report follows.
done = function(summary, latency, requests)
  local secs = summary.duration / 1e6
  local failed = summary.errors.status + summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout
  io.write(string.format(
    "RESULT token requests=%d failed=%d seconds=%.3f ok_per_s=%.1f p50_ms=%.2f p99_ms=%.2f\n",
    summary.requests, failed, secs, (summary.requests - failed) / secs,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end

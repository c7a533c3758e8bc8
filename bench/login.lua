-- wrk script: POST /api/v1/auth/login with the account auth-throughput.sh registered
-- (BENCH_EMAIL, BENCH_PASSWORD). Each request costs the server one Argon2id verify.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = string.format('{"email":"%s","password":"%s"}',
  os.getenv("BENCH_EMAIL") or "bench@bench.example",
  os.getenv("BENCH_PASSWORD") or "Tangerine-Voltage-Harbor-42")

-- One machine-readable line for the driver script; wrk's own report follows.
done = function(summary, latency, requests)
  local secs = summary.duration / 1e6
  local failed = summary.errors.status + summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout
  io.write(string.format(
    "RESULT login requests=%d failed=%d seconds=%.3f ok_per_s=%.1f p50_ms=%.1f p99_ms=%.1f\n",
    summary.requests, failed, secs, (summary.requests - failed) / secs,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end

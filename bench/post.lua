-- post.lua: wrk script for bench/run.sh. Every request POSTs the JSON body in the file
-- $BENCH_BODY with Content-Type: application/json and the Accept header $BENCH_ACCEPT;
-- at the end it prints one tab-separated line:
-- RESULT  req/s  p50_ms  p99_ms  p99.9_ms  errors  requests
-- where errors counts wrk's socket errors (connect, read, write, timeout) and answers
-- with a status of 400 or more.

local path = assert(os.getenv("BENCH_BODY"), "BENCH_BODY is not set")
local f = assert(io.open(path, "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"
local accept = os.getenv("BENCH_ACCEPT")
if accept ~= nil and accept ~= "" then
  wrk.headers["Accept"] = accept
end

function done(summary, latency, requests)
  local e = summary.errors
  local errors = e.connect + e.read + e.write + e.timeout + e.status
  io.write(string.format("RESULT\t%.1f\t%.3f\t%.3f\t%.3f\t%d\t%d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency:percentile(99.9) / 1000,
    errors, summary.requests))
end

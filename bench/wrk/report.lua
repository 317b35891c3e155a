-- Shared by the catalog and gateway workloads: counts GraphQL errors per thread and prints one machine-readable line at the
-- end (catalog.sh parses it). Loaded with dofile() by each workload script.

local threads = {}
errors = 0

function setup(thread)
  table.insert(threads, thread)
end

-- A GraphQL failure still answers 200, so the body is checked too.
function response(status, headers, body)
  if status ~= 200 or string.find(body, '"errors"', 1, true) then
    errors = errors + 1
  end
end

function done(summary, latency, requests)
  local graphql_errors = 0
  for _, thread in ipairs(threads) do
    graphql_errors = graphql_errors + (thread:get("errors") or 0)
  end
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d duration_us=%d rps=%.1f p50_us=%d p90_us=%d p95_us=%d p99_us=%d max_us=%d errors=%d socket_errors=%d timeouts=%d\n",
    summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(90), latency:percentile(95), latency:percentile(99), latency.max,
    graphql_errors, e.connect + e.read + e.write, e.timeout))
end

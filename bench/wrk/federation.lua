-- Workload "federation": the standard federation benchmark operation (TestQuery, about 87 KB of response, 7 subgraph
-- requests through a good plan) as a POST with a JSON body. The body is prepared by bench/gateway/bench.sh and named
-- by BENCH_BODY, so that every gateway gets byte-for-byte the same request.
dofile((os.getenv("BENCH_WRK_DIR") or "bench/wrk") .. "/report.lua")

local file = assert(io.open(assert(os.getenv("BENCH_BODY"), "BENCH_BODY is not set"), "rb"))
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json"
wrk.body = file:read("*a")
file:close()

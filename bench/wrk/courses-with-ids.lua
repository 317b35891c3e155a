-- Workload "courses" of the cache benchmark (issue 18): the first page with ids, partners and instructors.
dofile((os.getenv("BENCH_WRK_DIR") or "bench/wrk") .. "/report.lua")

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json"
wrk.body = '{"query":"{ courses(first: 20) { nodes { id title partner { name } instructors { name } } } }"}'

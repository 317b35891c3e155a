-- Workload "courses": the first page of the catalog (newest first) with each course's partner and instructors.
dofile((os.getenv("BENCH_WRK_DIR") or "bench/wrk") .. "/report.lua")

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json"
wrk.body = '{"query":"{ courses(first: 20) { nodes { title partner { name } instructors { name } } } }"}'

-- The chaos drill's load: the catalog workload (a page of courses with partners and instructors, a course with its
-- outline, anonymous) and the learner workload (the signed-in learner's enrollments, progress on a lecture) in turn,
-- through HAProxy. The first argument after "--" is a file of: the learner's access token, then the ids of lectures
-- of the course they are enrolled in, one a line.
--
-- A request fails when the answer is not 200 or carries an error (a GraphQL error, or a user error in a mutation's
-- payload): what a learner would see. done() prints one line: CHAOS requests=... failed=... socket_errors=...
local threads = {}
local requests = {}
local turn = 0
failed = 0
first_failure = ""

function setup(thread)
  table.insert(threads, thread)
end

local function graphql(body, token)
  local headers = { ["Content-Type"] = "application/json", ["Accept"] = "application/json" }
  if token then headers["Authorization"] = "Bearer " .. token end
  return wrk.format("POST", "/graphql", headers, body)
end

function init(args)
  local path = args[1] or error("workload.lua needs its setup file: wrk ... -- FILE")
  local lines = {}
  for line in io.lines(path) do
    if line ~= "" then lines[#lines + 1] = line end
  end
  local token = lines[1]
  requests[#requests + 1] = graphql('{"query":"{ courses(first: 20) { nodes { id title partner { name } instructors { name } } } }"}')
  requests[#requests + 1] = graphql('{"query":"{ courseBySlug(slug: \\"machine-learning-foundations-northfield\\") '
    .. '{ title modules { title items { title kind } } } }"}')
  requests[#requests + 1] = graphql('{"query":"{ viewer { id enrollments(first: 10) { nodes { id state } } } }"}', token)
  for i = 2, #lines do
    requests[#requests + 1] = graphql('{"query":"mutation($i: ID!) { recordProgress(input: {itemId: $i, event: COMPLETED}) '
      .. '{ errors { code } } }","variables":{"i":"' .. lines[i] .. '"}}', token)
  end
end

function request()
  turn = turn % #requests + 1
  return requests[turn]
end

function response(status, headers, body)
  if status ~= 200 or string.find(body, '"errors":[{', 1, true) then
    failed = failed + 1
    if first_failure == "" then first_failure = status .. " " .. string.sub(body, 1, 300) end
  end
end

function done(summary, latency, requests)
  local total_failed, sample = 0, ""
  for _, thread in ipairs(threads) do
    total_failed = total_failed + (thread:get("failed") or 0)
    local first = thread:get("first_failure") or ""
    if sample == "" and first ~= "" then sample = first end
  end
  local e = summary.errors
  io.write(string.format("CHAOS requests=%d failed=%d socket_errors=%d timeouts=%d p50_ms=%.1f p99_ms=%.1f max_ms=%.1f\n",
    summary.requests, total_failed, e.connect + e.read + e.write, e.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  if sample ~= "" then io.write("CHAOS first_failure=" .. sample:gsub("\n", " ") .. "\n") end
end

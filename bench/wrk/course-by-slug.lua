-- Workload "courseBySlug": one course with its modules and their items, the slug drawn at random from a file of
-- published slugs (one a line; the path is the first argument after "--"), so requests spread over the catalog.
dofile((os.getenv("BENCH_WRK_DIR") or "bench/wrk") .. "/report.lua")

local slugs = {}
local headers = { ["Content-Type"] = "application/json", ["Accept"] = "application/json" }
local template = '{"query":"query Course($slug: String!) { courseBySlug(slug: $slug) '
  .. '{ title modules { title items { title kind } } } }","variables":{"slug":"%s"}}'

function init(args)
  local path = args[1] or error("course-by-slug.lua needs the slug file: wrk ... -- FILE")
  for line in io.lines(path) do
    if line ~= "" then slugs[#slugs + 1] = line end
  end
  if #slugs == 0 then error("no slugs in " .. path) end
  -- Each thread draws its own sequence.
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16) % 100000)
end

function request()
  local body = string.format(template, slugs[math.random(#slugs)])
  return wrk.format("POST", nil, headers, body)
end

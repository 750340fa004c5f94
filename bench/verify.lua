-- Verifiers opening the page of one valid certificate (GET /v/<code>), again and again. The
-- code exists only once bench/verify.py has issued the certificate: it passes the page's path
-- in BENCH_VERIFY_PATH. Any answer but 200 is an error.

local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "report.lua")

counts = { pages = 0, errors = 0 }
local path = os.getenv("BENCH_VERIFY_PATH")
local req

function init(args)
  if not path then error("BENCH_VERIFY_PATH is not set: run through python -m bench") end
  req = wrk.format("GET", path)
end

function request()
  return req
end

function response(status, headers, body)
  if status == 200 then
    counts.pages = counts.pages + 1
  else
    counts.errors = counts.errors + 1
  end
end

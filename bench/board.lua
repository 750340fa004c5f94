-- Board screens polling the board's live part. With an If-None-Match header (wrk -H, the ETag
-- of the board as it is) every answer must be 304; without one, every answer is a full render
-- (200). Any other answer is an error.

local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "report.lua")

counts = { unchanged = 0, rendered = 0, errors = 0 }
local expected = wrk.headers["If-None-Match"] and 304 or 200

function response(status, headers, body)
  if status == 304 then
    counts.unchanged = counts.unchanged + 1
  elseif status == 200 then
    counts.rendered = counts.rendered + 1
  end
  if status ~= expected then counts.errors = counts.errors + 1 end
end

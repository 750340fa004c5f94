-- One kiosk per wrk thread (run with -tN -cN): open the ticket screen, send its form to take
-- a ticket, open the next screen, and so on. A POST that does not answer 303 is an error.

local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "report.lua")
dofile(here .. "forms.lua")

local SCREEN = "/kiosk/services/guardianship"
local TAKE = "/kiosk/tickets"

counts = { screens = 0, tickets = 0, errors = 0 }
local cookie, form, sent

function request()
  local headers = {}
  if cookie then headers["Cookie"] = "session=" .. cookie end
  if form == nil then
    sent = "screen"
    return wrk.format("GET", SCREEN, headers)
  end
  -- Send each form once: a POST lost to a timeout is not retried with the same key.
  local body = form
  form, sent = nil, "take"
  headers["Content-Type"] = "application/x-www-form-urlencoded"
  return wrk.format("POST", TAKE, headers, body)
end

function response(status, headers, body)
  if sent == "take" then
    if status == 303 then
      counts.tickets = counts.tickets + 1
    else
      counts.errors = counts.errors + 1
    end
    return
  end
  counts.screens = counts.screens + 1
  cookie = session_cookie(headers, cookie)
  local csrf, service, key =
    field(body, "csrf_token"), field(body, "service"), field(body, "idempotency_key")
  if status ~= 200 or not (csrf and service and key and cookie) then
    counts.errors = counts.errors + 1
    return
  end
  form = "csrf_token=" .. encode(csrf) .. "&service=" .. encode(service)
    .. "&idempotency_key=" .. encode(key) .. "&category="
end

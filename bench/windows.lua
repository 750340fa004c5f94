-- One window per wrk thread (run with -tN -cN, args: first window, login prefix, password):
-- the operator of window first+i signs in at it, then does what the desk offers, as htmx would:
-- call the next applicant, start their service, finish it, call again. Each call, start and
-- finish is timed here (sign-in left out); an action that does not answer 200 is an error.
--
-- The CSRF token comes from the sign-in page (it stays valid for the session) and then from each
-- desk answer: the desk page itself (GET /staff/window/) renders the whole line, megabytes with
-- a long line, and is not part of calling.

local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "report.lua")
dofile(here .. "forms.lua")

local ffi = require("ffi")
ffi.cdef [[
  struct bench_timespec { long sec; long nsec; };
  int clock_gettime(int clock, struct bench_timespec *now);
]]
local MONOTONIC = 1
local clock = ffi.new("struct bench_timespec")

local function now_us()
  ffi.C.clock_gettime(MONOTONIC, clock)
  return tonumber(clock.sec) * 1e6 + tonumber(clock.nsec) / 1e3
end

local LOGIN = "/staff/login"
local ACT = "/staff/window/act/"

counts = { signed_in = 0, call = 0, start = 0, finish = 0, errors = 0 }
timed = {}  -- "call 1234.5": each action's name and microseconds (see report.lua)

local threads_set = 0
local collect = setup
function setup(thread)
  collect(thread)
  thread:set("index", threads_set)
  threads_set = threads_set + 1
end

local window, username, password
local step, sent, sent_at = "login page", nil, 0
local cookie, csrf, ticket

function init(args)
  window = tonumber(args[1]) + index
  username, password = args[2] .. window, args[3]
end

function request()
  local headers = { ["Content-Type"] = "application/x-www-form-urlencoded" }
  if cookie then headers["Cookie"] = "session=" .. cookie end
  sent, sent_at = step, now_us()
  if step == "login page" then
    return wrk.format("GET", LOGIN, headers)
  elseif step == "sign in" then
    return wrk.format("POST", LOGIN, headers, "csrf_token=" .. encode(csrf) .. "&username="
      .. encode(username) .. "&password=" .. encode(password) .. "&window=" .. window)
  end
  headers["HX-Request"] = "true"  -- the desk answers htmx with its fragment, not a redirect
  local body = "csrf_token=" .. encode(csrf)
  if ticket then body = body .. "&ticket_id=" .. ticket end
  return wrk.format("POST", ACT .. step, headers, body)
end

-- What the desk offers next: finish or start its applicant, or else call the next one.
local function offered(body)
  body = body or ""
  if body:find(ACT .. "finish", 1, true) then return "finish", field(body, "ticket_id") end
  if body:find(ACT .. "start", 1, true) then return "start", field(body, "ticket_id") end
  return "call", nil
end

function response(status, headers, body)
  local elapsed = now_us() - sent_at
  cookie = session_cookie(headers, cookie)  -- it changes at sign-in, and with every action
  csrf = field(body, "csrf_token") or csrf
  if sent == "login page" or sent == "sign in" then
    local ok = (sent == "login page" and status == 200 and csrf) or status == 302
    if not ok then counts.errors = counts.errors + 1 end
    if sent == "sign in" and ok then counts.signed_in = counts.signed_in + 1 end
    step = ok and (sent == "login page" and "sign in" or "call") or "login page"
    return
  end
  table.insert(timed, sent .. " " .. elapsed)
  if status == 200 then
    counts[sent] = counts[sent] + 1
  else
    counts.errors = counts.errors + 1
  end
  step, ticket = offered(body)
end

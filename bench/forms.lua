-- Helpers for scripts that fill in the app's forms: read a hidden field, a header, the session
-- cookie, and URL-encode a value. Loaded with dofile; defines globals.

function field(body, name)
  return (body or ""):match('name="' .. name .. '"[^>]-value="([^"]*)"')
end

function header(headers, name)
  for key, value in pairs(headers) do
    if key:lower() == name then return value end
  end
end

-- The session cookie a response sets, or `current` when it sets none.
function session_cookie(headers, current)
  return (header(headers, "set-cookie") or ""):match("session=([^;]+)") or current
end

function encode(value)
  return (value:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", c:byte()) end))
end

-- Print one machine-readable line of results for bench/scenarios.py: wrk's summary and
-- latencies, plus the sum over threads of each thread's global `counts` table (if any), and the
-- percentiles per name of the "name microseconds" strings in each thread's global `timed` list
-- (if any; a flat list, since wrk's thread:get cannot copy nested tables).
-- Used alone as the script of plain GET scenarios (the floor), or loaded by the others.

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

local function percentile(sorted, p)
  return sorted[math.max(1, math.ceil(#sorted * p / 100))] or 0
end

function done(summary, latency, requests)
  local totals, lists = {}, {}
  for _, thread in ipairs(threads) do
    for key, value in pairs(thread:get("counts") or {}) do
      totals[key] = (totals[key] or 0) + value
    end
    for _, entry in ipairs(thread:get("timed") or {}) do
      local key, value = entry:match("^(%S+) (%S+)$")
      lists[key] = lists[key] or {}
      table.insert(lists[key], tonumber(value))
    end
  end
  local counts, timings = {}, {}
  for key, value in pairs(totals) do
    table.insert(counts, string.format('"%s": %d', key, value))
  end
  for key, values in pairs(lists) do
    table.sort(values)
    table.insert(timings, string.format('"%s": {"n": %d, "p50_us": %d, "p99_us": %d}',
      key, #values, percentile(values, 50), percentile(values, 99)))
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH {"requests": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d, "max_us": %d, '
      .. '"status_errors": %d, "socket_errors": %d, "counts": {%s}, "timings": {%s}}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    latency.max, e.status, e.connect + e.read + e.write + e.timeout, table.concat(counts, ", "),
    table.concat(timings, ", ")))
end

-- Print one machine-readable line of results for bench/scenarios.py: wrk's summary and
-- latencies, plus the sum over threads of each thread's global `counts` table (if any).
-- Used alone as the script of plain GET scenarios (the floor), or loaded by the others.

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function done(summary, latency, requests)
  local totals = {}
  for _, thread in ipairs(threads) do
    for key, value in pairs(thread:get("counts") or {}) do
      totals[key] = (totals[key] or 0) + value
    end
  end
  local counts = {}
  for key, value in pairs(totals) do
    table.insert(counts, string.format('"%s": %d', key, value))
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH {"requests": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d, "max_us": %d, '
      .. '"status_errors": %d, "socket_errors": %d, "counts": {%s}}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    latency.max, e.status, e.connect + e.read + e.write + e.timeout, table.concat(counts, ", ")))
end

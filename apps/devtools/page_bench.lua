-- wrk script of `manage.py bench` (apps/devtools/page_bench.py): GETs of one page, with the
-- session cookie given after `--` (none for an anonymous page), and one JSON line at the end.
--
--   wrk -t2 -c8 -d10s --timeout 30s -s page_bench.lua http://127.0.0.1:8000/path -- "sessionid=..."
--
-- wrk counts only socket errors and statuses >= 400; a page that answers anything but 200 (a
-- redirect to the sign-in page when the cookie is refused) is counted here as not_200.

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  not_200 = 0
  local cookie = args[1]
  if cookie ~= nil and cookie ~= "" then
    wrk.headers["Cookie"] = cookie
  end
end

function response(status, headers, body)
  if status ~= 200 then
    not_200 = not_200 + 1
  end
end

function done(summary, latency, requests)
  local refused = 0
  for _, thread in ipairs(threads) do
    refused = refused + thread:get("not_200")
  end
  local errors = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, ' ..
    '"max_us": %d, "not_200": %d, "socket_errors": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.max, refused,
    errors.connect + errors.read + errors.write + errors.timeout
  ))
end

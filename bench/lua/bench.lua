-- One wrk script for every HTTP scenario, chosen by environment variables (set by bench/run.sh):
--   BENCH_MODE  verify | floor | validate | update | get
--   BENCH_DATA  a TSV file of request data (tokens.tsv, validate.tsv, products.tsv)
--   BENCH_PATH  the request path
--   BENCH_KEY   the X-API-KEY to send (none when empty; "Bearer <token>" is sent as Authorization,
--               "Cookie: <cookies>" as the Cookie header: the console's session)
--   BENCH_NAME, BENCH_OUT, BENCH_NOTES  where and under which name done() writes its JSON summary
-- Requests are built once per thread and cycled; each thread starts at a different offset of the data.

local threads = 0

function setup(thread)
  thread:set("index", threads)
  threads = threads + 1
end

local function split(line)
  local fields = {}
  for field in string.gmatch(line, "([^\t]+)") do fields[#fields + 1] = field end
  return fields
end

local function json_string(s)
  return '"' .. string.gsub(s, '(["\\])', '\\%1') .. '"'
end

local prepared = {}
local position = 1

function init(args)
  local mode = os.getenv("BENCH_MODE")
  local path = os.getenv("BENCH_PATH")
  local key = os.getenv("BENCH_KEY") or ""
  local data = os.getenv("BENCH_DATA")
  local base = { ["Content-Type"] = "application/json" }
  if key:sub(1, 7) == "Bearer " then
    base["Authorization"] = key
  elseif key:sub(1, 8) == "Cookie: " then
    base["Cookie"] = key:sub(9)
  elseif key ~= "" then
    base["X-API-KEY"] = key
  end

  local rows = {}
  if data and data ~= "" then
    for line in io.lines(data) do rows[#rows + 1] = split(line) end
  end

  local function headers(extra)
    local h = {}
    for k, v in pairs(base) do h[k] = v end
    for k, v in pairs(extra or {}) do h[k] = v end
    return h
  end

  if mode == "get" then
    prepared[1] = wrk.format("GET", path, headers())
  else
    for _, r in ipairs(rows) do
      local body, extra
      if mode == "verify" or mode == "floor" then
        -- code, product, site, token, id
        body = '{"product_id":' .. json_string(r[2]) .. ',"license_data":' .. json_string(r[4])
        if mode == "floor" then body = body .. ',"license_code":' .. json_string(r[1]) end
        body = body .. ',"client_name":"bench"}'
        extra = { ["X-API-URL"] = r[3] }
      elseif mode == "validate" then
        -- code, machine, instance
        body = '{"key":' .. json_string(r[1]) .. ',"machineId":' .. json_string(r[2]) .. ',"instanceId":' .. json_string(r[3]) .. '}'
      elseif mode == "update" then
        -- product reference
        body = '{"product_id":' .. json_string(r[1]) .. ',"current_version":"1.0.0"}'
      end
      prepared[#prepared + 1] = wrk.format("POST", path, headers(extra), body)
    end
  end

  if #prepared == 0 then error("no requests prepared (BENCH_MODE=" .. tostring(mode) .. ")") end
  position = (index * 7919) % #prepared + 1
end

function request()
  local r = prepared[position]
  position = position + 1
  if position > #prepared then position = 1 end
  return r
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  local socket = e.connect + e.read + e.write + e.timeout
  local out = string.format(
    '{"name":"%s","requests":%d,"duration_s":%.2f,"rps":%.2f,"p50_ms":%.3f,"p99_ms":%.3f,"max_ms":%.3f,' ..
    '"errors":%d,"status_errors":%d,"socket_errors":%d,"connections":%s,"notes":%s}',
    os.getenv("BENCH_NAME"), summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.status + socket, e.status, socket, os.getenv("BENCH_CONNECTIONS") or "0",
    json_string(os.getenv("BENCH_NOTES") or ""))
  local file = assert(io.open(os.getenv("BENCH_OUT"), "w"))
  file:write(out)
  file:close()
  io.write(out .. "\n")
end

-- Searches drawn from the lines of QUERIES (bench/queries.sql, broadest
-- first) with a Zipf distribution (exponent 1): line k is asked 1/k as
-- often as line 1, the shape of real search logs, where a few broad words
-- make most of the traffic and a long tail of specific ones the rest.
-- PATH_PREFIX is the URL before the query.
local prefix = os.getenv("PATH_PREFIX") or "/api/search?lang=zh-CN&q="
local function encode(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", c:byte()) end))
end
local queries, cumulative, total = {}, {}, 0
for line in io.lines(os.getenv("QUERIES")) do
  if line ~= "" then
    queries[#queries + 1] = encode(line)
    total = total + 1 / #queries
    cumulative[#queries] = total
  end
end
local seeded = 0
setup = function(thread)
  seeded = seeded + 1
  thread:set("seed", seeded)
end
local started = false
request = function()
  if not started then math.randomseed(seed or 1); started = true end
  local r, lo, hi = math.random() * total, 1, #queries
  while lo < hi do -- first line whose cumulative weight reaches r
    local mid = math.floor((lo + hi) / 2)
    if cumulative[mid] < r then lo = mid + 1 else hi = mid end
  end
  return wrk.format("GET", prefix .. queries[lo])
end
dofile(os.getenv("REPORT_LUA"))

-- Walks through a long list of distinct queries (QUERIES names a file with
-- one raw query per line, as bench/queries.sql writes it), so every request
-- searches afresh and no cache can answer it from memory. Each wrk thread
-- starts at its own offset. PATH_PREFIX is the URL before the query.
local prefix = os.getenv("PATH_PREFIX") or "/api/search?lang=zh-CN&q="
local function encode(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", c:byte()) end))
end
local queries = {}
for line in io.lines(os.getenv("QUERIES")) do
  if line ~= "" then queries[#queries + 1] = encode(line) end
end
local threads = 0
setup = function(thread)
  thread:set("offset", threads * math.floor(#queries / 2))
  threads = threads + 1
end
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", prefix .. queries[((offset or 0) + i) % #queries + 1])
end
dofile(os.getenv("REPORT_LUA"))

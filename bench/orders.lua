-- Places guest orders: each request takes the next cart from CARTS (one JSON
-- body per line) with a key no other request uses, so every one is a new
-- order. A non-200 answer counts as an error in the report.
local carts = {}
for line in io.lines(os.getenv("CARTS")) do carts[#carts + 1] = line end
local counter = 0
local thread_id = 0

setup = function(thread)
  thread_id = thread_id + 1
  thread:set("tid", thread_id)
end

request = function()
  counter = counter + 1
  local key = string.format("bench-%d-%d-%012d", tid or 0, os.time(), counter)
  local body = string.gsub(carts[(counter % #carts) + 1], "KEY", key)
  return wrk.format("POST", "/api/place_order", { ["content-type"] = "application/json" }, body)
end

dofile(os.getenv("REPORT_LUA"))

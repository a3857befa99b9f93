-- Rotates through Chinese, English, multi-word and misspelt queries, so the
-- search is measured across its paths rather than one cached plan.
-- PATH is the URL prefix: "/api/search?lang=zh-CN&q=" (the server function)
-- or "/search?q=" (the server-rendered page).
local prefix = os.getenv("PATH_PREFIX") or "/api/search?lang=zh-CN&q="
local queries = {
  "%E7%BE%BD%E7%BB%92",                 -- 羽绒
  "headphones",
  "running%20shoes",
  "headphnes",                          -- a typo
  "%E8%8C%B6",                          -- 茶
  "down%20jacket",
  "%E8%93%9D%E7%89%99%E8%80%B3%E6%9C%BA", -- 蓝牙耳机
  "coffee",
  "keybord",                            -- a typo
  "%E6%8A%A4%E8%82%A4",                 -- 护肤
  "classic%20tea",
  "%E8%BF%90%E5%8A%A8%E9%9E%8B",        -- 运动鞋
}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", prefix .. queries[(i % #queries) + 1])
end
dofile(os.getenv("REPORT_LUA"))

-- The load of bench/http-intake.ts for wrk: GET /sendsms or POST /api/v1/messages, a new
-- recipient (or `recipients` of them) in every request, the clients taken in turn.
-- Arguments after `--`: kind (sendsms | rest), recipients per request, and the clients as
-- login:password:key,login:password:key,...
-- done() prints one JSON line: requests, answers, accepted recipients, errors, latency in ms.

local kind, recipients, clients = "sendsms", 1, {}
local threads = {}
local turn, number = 0, 0
local TEXT = "Your one-time code is 482913. It expires in 5 minutes."
-- Globals: the main thread's done() reads them from each thread.
answered, accepted = 0, 0

function setup(thread)
  table.insert(threads, thread)
end

local function urlencode(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function init(args)
  kind, recipients = args[1], tonumber(args[2])
  for spec in string.gmatch(args[3], "[^,]+") do
    local login, password, key = spec:match("([^:]+):([^:]+):(.+)")
    table.insert(clients, { login = urlencode(login), password = urlencode(password), key = key })
  end
end

local function nextNumber()
  number = number + 1
  return string.format("38050%07d", 1000000 + (number % 8999999))
end

function request()
  turn = turn + 1
  local client = clients[(turn % #clients) + 1]
  local to = {}
  for i = 1, recipients do to[i] = nextNumber() end
  if kind == "sendsms" then
    return wrk.format("GET", "/sendsms?username=" .. client.login .. "&password=" .. client.password .. "&from=Bench&to=" .. table.concat(to, "+") .. "&text=" .. urlencode(TEXT))
  end
  local list = recipients == 1 and ('"' .. to[1] .. '"') or ('["' .. table.concat(to, '","') .. '"]')
  local body = '{"from":"Bench","to":' .. list .. ',"text":"' .. TEXT .. '"}'
  return wrk.format("POST", "/api/v1/messages", { ["Authorization"] = "Bearer " .. client.key, ["Content-Type"] = "application/json" }, body)
end

-- An accepted recipient is a "0: Accepted" line (/sendsms) or an entry with an id (REST: refused ones have "id":null).
function response(status, headers, body)
  answered = answered + 1
  if status == 202 then
    local _, n = body:gsub(kind == "sendsms" and "0: Accepted" or '"id":"', "")
    accepted = accepted + n
  end
end

function done(summary, latency, requests)
  local answers, recipientsAccepted = 0, 0
  for _, thread in ipairs(threads) do
    answers = answers + thread:get("answered")
    recipientsAccepted = recipientsAccepted + thread:get("accepted")
  end
  local e = summary.errors
  io.write(string.format('{"seconds":%f,"requests":%d,"answered":%d,"accepted":%d,"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},"latencyMs":{"p50":%f,"p90":%f,"p99":%f,"max":%f}}\n',
    summary.duration / 1e6, summary.requests, answers, recipientsAccepted, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end

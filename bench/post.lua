-- wrk script: POST one request document, read from the file named by the
-- environment variable IOP_REQUEST, and count responses that are not 200.
local file = assert(io.open(os.getenv("IOP_REQUEST"), "rb"))
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "application/json"

local not_ok = 0
response = function(status, headers, body)
  if status ~= 200 then not_ok = not_ok + 1 end
end

done = function(summary, latency, requests)
  io.write(string.format("not_ok %d\n", not_ok))
  io.write(string.format("p50_us %d\np99_us %d\n", latency:percentile(50), latency:percentile(99)))
end

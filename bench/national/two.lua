-- two.lua - wrk's threads take the ports in PORTS ("8081 8082") in turn, so
-- one wrk (one latency histogram) loads every `dondoc serve` at once.
-- COOKIE / AUTH: the session cookie or the bearer token sent with each request.
local ports, n = {}, 0
for p in string.gmatch(os.getenv("PORTS") or "", "%d+") do ports[#ports + 1] = p end

function setup(thread)
	n = n + 1
	thread.addr = wrk.lookup("127.0.0.1", ports[(n - 1) % #ports + 1])[1]
end

function init(args)
	if os.getenv("COOKIE") then wrk.headers["Cookie"] = os.getenv("COOKIE") end
	if os.getenv("AUTH") then wrk.headers["Authorization"] = os.getenv("AUTH") end
end

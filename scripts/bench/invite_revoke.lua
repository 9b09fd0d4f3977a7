-- wrk script: invite a fresh address, then revoke that invitation; repeat.
-- Needs COOKIE, CSRF and ORG in the environment (scripts/bench-load.sh sets them).
local org = os.getenv("ORG")
local pending = {}
local n = 0
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-CSRF-Token"] = os.getenv("CSRF")
wrk.headers["Cookie"] = "roster_session=" .. os.getenv("COOKIE")

request = function()
  if #pending > 0 then
    local id = table.remove(pending)
    return wrk.format("POST", "/api/v1/orgs/" .. org .. "/invitations/" .. id .. "/revoke", nil, "{}")
  end
  n = n + 1
  local email = string.format("load-%d-%d@bench.example", math.random(1, 1000000000), n)
  return wrk.format("POST", "/api/v1/orgs/" .. org .. "/invitations", nil,
    '{"emails":["' .. email .. '"],"role":"labeler"}')
end

response = function(status, headers, body)
  local id = string.match(body, '"invitation_id":(%d+)')
  if id then table.insert(pending, id) end
end

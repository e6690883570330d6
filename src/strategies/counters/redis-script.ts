// The Lua that applies a batch of counter ops inside Redis, atomically and in one round trip. It keeps
// the semantics of series.ts with Redis structures; redis.ts describes the keys and arguments.
//
// Per counter key: z, a sorted set of observations by time; q, the same members by seq (to find the few
// recorded with a higher seq than a reader's: a redelivery, or a worker that ran ahead); m, a hash of
// meta data and the running window (lo, hi] with its exact sum partials; d, for distinct, the running
// window's item multiplicities. A member is "seq:time:payload" (payload: the value, the item, or empty),
// so re-adding the same observation is a no-op of ZADD NX.
//
// As in series.ts: a count is a ZCOUNT; a sum or distinct moves its running window forward with the
// newest reads, and answers a read behind it (a late event) by correcting the running aggregate with the
// observations between the two windows, without writing; several behind in a row move it back.
//
// Numbers leave Lua through fmt (%.17g, exact for doubles): Lua's own tostring keeps 14 digits only.
export const COUNTER_SCRIPT = /* lua */ `
local lateness = tonumber(ARGV[1])
local grace = tonumber(ARGV[2])
local OP = 7
local nops = (#ARGV - 2) / OP
local states = {}
local order = {}

local function fmt(x) return string.format('%.17g', x) end

-- exact-sum.ts, line by line
local function addExact(p, x)
  local i = 0
  local n = #p
  for j = 1, n do
    local y = p[j]
    if math.abs(x) < math.abs(y) then x, y = y, x end
    local hi = x + y
    local lo = y - (hi - x)
    if lo ~= 0 then i = i + 1; p[i] = lo end
    x = hi
  end
  for j = n, i + 2, -1 do p[j] = nil end
  p[i + 1] = x
end

local function roundExact(p)
  local n = #p
  if n == 0 then return 0 end
  local hi = p[n]
  n = n - 1
  local lo = 0
  while n > 0 do
    local x = hi
    local y = p[n]
    n = n - 1
    hi = x + y
    lo = y - (hi - x)
    if lo ~= 0 then break end
  end
  if n > 0 and ((lo < 0 and p[n] < 0) or (lo > 0 and p[n] > 0)) then
    local y = lo * 2
    local x = hi + y
    if y == x - hi then hi = x end
  end
  if hi == 0 then return 0 end
  return hi
end

local function memberTime(m) return tonumber(string.match(m, '^[^:]*:([^:]*):')) end
local function memberPayload(m) return string.match(m, '^[^:]*:[^:]*:(.*)$') end

local function load(k)
  local st = states[k]
  if st then return st end
  local b = (k - 1) * 4
  local m = redis.call('HMGET', KEYS[b + 3], 'a', 'w', 'ms', 'mt', 'lo', 'hi', 'p', 'pt', 'bh')
  st = { z = KEYS[b + 1], q = KEYS[b + 2], m = KEYS[b + 3], d = KEYS[b + 4],
    agg = m[1] or nil, win = tonumber(m[2]), maxSeq = tonumber(m[3]), maxT = tonumber(m[4]),
    lo = tonumber(m[5]), hi = tonumber(m[6]), p = {}, pt = tonumber(m[8]), bh = tonumber(m[9]) or 0, dirty = false }
  if m[7] then for x in string.gmatch(m[7], '[^,]+') do st.p[#st.p + 1] = tonumber(x) end end
  states[k] = st
  order[#order + 1] = st
  return st
end

-- Adds (sign 1) or takes out (sign -1) one observation of the running window.
local function include(st, payload, sign)
  if st.agg == 's' then
    addExact(st.p, sign * tonumber(payload))
  elseif st.agg == 'd' then
    if redis.call('HINCRBY', st.d, payload, sign) <= 0 then redis.call('HDEL', st.d, payload) end
  end
end

local function includeRange(st, a, b, sign)
  local ms = redis.call('ZRANGEBYSCORE', st.z, '(' .. fmt(a), fmt(b))
  for j = 1, #ms do include(st, memberPayload(ms[j]), sign) end
end

-- Moves the running window from (lo, hi] to (from, to], visiting only what enters or leaves it.
local function move(st, from, to)
  if st.maxT == nil then
    -- nothing recorded: the window is empty wherever it is
  elseif st.lo == nil or from >= st.hi or to <= st.lo then
    st.p = {}
    if st.agg == 'd' then redis.call('DEL', st.d) end
    includeRange(st, from, to, 1)
  else
    if to > st.hi and st.maxT > st.hi then includeRange(st, st.hi, to, 1) end
    if from < st.lo then includeRange(st, from, st.lo, 1) end
    if to < st.hi then includeRange(st, to, st.hi, -1) end
    if from > st.lo then includeRange(st, st.lo, from, -1) end
  end
  st.lo = from
  st.hi = to
  st.dirty = true
end

-- Members recorded with seq >= s whose time is in (from, to].
local function later(st, sS, from, to)
  local out = {}
  local ms = redis.call('ZRANGEBYSCORE', st.q, sS, '+inf')
  for j = 1, #ms do
    local mt = memberTime(ms[j])
    if mt > from and mt <= to then out[#out + 1] = ms[j] end
  end
  return out
end

-- Appends the payloads of the members with time in (a, b] to the list, each with its sign.
local function collect(list, st, a, b, sign)
  local ms = redis.call('ZRANGEBYSCORE', st.z, '(' .. fmt(a), fmt(b))
  for j = 1, #ms do list[#list + 1] = { memberPayload(ms[j]), sign } end
end

-- A sum or distinct over (from, to] without the members of seq >= s (when behind): the running window,
-- moved there or corrected (fresh when the two windows do not meet).
local function windowAnswer(st, from, to, sS, behind)
  local changes = {}
  local fresh = false
  if st.maxT == nil or st.lo == nil or to >= st.hi or st.bh >= 3 then
    st.bh = 0
    move(st, from, to)
  else
    st.bh = st.bh + 1
    st.dirty = true
    if from >= st.hi or to <= st.lo then
      fresh = true
      collect(changes, st, from, to, 1)
    else
      if from < st.lo then collect(changes, st, from, st.lo, 1) end
      if from > st.lo then collect(changes, st, st.lo, from, -1) end
      collect(changes, st, to, st.hi, -1)
    end
  end
  if behind then
    local ms = later(st, sS, from, to)
    for j = 1, #ms do changes[#changes + 1] = { memberPayload(ms[j]), -1 } end
  end
  if st.agg == 's' then
    local p = {}
    if not fresh then for j = 1, #st.p do p[j] = st.p[j] end end
    for j = 1, #changes do addExact(p, changes[j][2] * tonumber(changes[j][1])) end
    return fmt(roundExact(p))
  end
  local n = 0
  if not fresh then n = redis.call('HLEN', st.d) end
  if #changes == 0 then return n end
  local delta = {}
  local items = {}
  for j = 1, #changes do
    local it = changes[j][1]
    if delta[it] == nil then
      delta[it] = 0
      items[#items + 1] = it
    end
    delta[it] = delta[it] + changes[j][2]
  end
  for j = 1, #items, 500 do
    local had = {}
    if not fresh then had = redis.call('HMGET', st.d, unpack(items, j, math.min(j + 499, #items))) end
    for x = j, math.min(j + 499, #items) do
      local r = tonumber(had[x - j + 1]) or 0
      local after = r + delta[items[x]]
      if after > 0 and r <= 0 then n = n + 1 elseif after <= 0 and r > 0 then n = n - 1 end
    end
  end
  return n
end

-- Drops observations at or before maxT - window - lateness, in steps of 1/16 of that span so a hot key
-- does not pay a prune on every event.
local function prune(st)
  local bound = st.maxT - st.win - lateness
  if st.pt and bound < st.pt + math.floor((st.win + lateness) / 16) then return end
  st.pt = bound
  local bs = fmt(bound)
  local old = redis.call('ZRANGEBYSCORE', st.z, '-inf', bs)
  if #old == 0 then return end
  if st.agg ~= 'c' and st.lo then
    for j = 1, #old do
      local mt = memberTime(old[j])
      if mt > st.lo and mt <= st.hi then include(st, memberPayload(old[j]), -1) end
    end
  end
  for j = 1, #old, 500 do redis.call('ZREM', st.q, unpack(old, j, math.min(j + 499, #old))) end
  redis.call('ZREMRANGEBYSCORE', st.z, '-inf', bs)
end

local function record(st, t, tS, s, sS, payload)
  if st.maxT and t <= st.maxT - st.win - lateness then return end
  local mem = sS .. ':' .. tS .. ':' .. payload
  if redis.call('ZADD', st.z, 'NX', tS, mem) == 0 then return end
  redis.call('ZADD', st.q, sS, mem)
  if st.lo ~= nil and t > st.lo and t <= st.hi then include(st, payload, 1) end
  st.dirty = true
  if st.maxSeq == nil or s > st.maxSeq then st.maxSeq = s end
  if st.maxT == nil or t > st.maxT then
    st.maxT = t
    prune(st)
  end
end

-- Refuse the whole batch before writing anything if an op disagrees with its key's aggregate or window.
for i = 0, nops - 1 do
  local o = 2 + i * OP
  local k = tonumber(ARGV[o + 1])
  local st = load(k)
  local agg, win = ARGV[o + 2], tonumber(ARGV[o + 3])
  if st.agg == nil then
    st.agg = agg
    st.win = win
  elseif st.agg ~= agg or st.win ~= win then
    return redis.error_reply('VIGIL_COUNTER_MISMATCH ' .. k .. ' ' .. st.agg .. ' ' .. fmt(st.win))
  end
end

local results = {}
for i = 0, nops - 1 do
  local o = 2 + i * OP
  local st = states[tonumber(ARGV[o + 1])]
  local tS, sS = ARGV[o + 4], ARGV[o + 5]
  local t, s = tonumber(tS), tonumber(sS)
  local from = t - st.win
  local behind = st.maxSeq ~= nil and s <= st.maxSeq
  local ans
  if st.agg == 'c' then
    ans = redis.call('ZCOUNT', st.z, '(' .. fmt(from), tS)
    if behind then ans = ans - #later(st, sS, from, t) end
  else
    ans = windowAnswer(st, from, t, sS, behind)
  end
  results[i + 1] = ans
  if ARGV[o + 6] == '1' then record(st, t, tS, s, sS, ARGV[o + 7]) end
end

for j = 1, #order do
  local st = order[j]
  -- A key nothing was ever recorded under leaves nothing behind.
  if st.maxT ~= nil then
    if st.dirty then
      local args = { st.m, 'a', st.agg, 'w', fmt(st.win), 'ms', fmt(st.maxSeq), 'mt', fmt(st.maxT), 'pt', fmt(st.pt) }
      if st.lo ~= nil then
        local ps = {}
        for x = 1, #st.p do ps[x] = fmt(st.p[x]) end
        for _, v in ipairs({ 'lo', fmt(st.lo), 'hi', fmt(st.hi), 'p', table.concat(ps, ','), 'bh', fmt(st.bh) }) do args[#args + 1] = v end
      end
      redis.call('HSET', unpack(args))
    end
    local ttl = fmt(st.win + lateness + grace)
    redis.call('PEXPIRE', st.z, ttl)
    redis.call('PEXPIRE', st.q, ttl)
    redis.call('PEXPIRE', st.m, ttl)
    if st.agg == 'd' then redis.call('PEXPIRE', st.d, ttl) end
  end
end
return results
`;

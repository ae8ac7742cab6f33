# Shared by the server benchmarks (sourced): write_recs_lua IDS_FILE TOKEN OUT writes a wrk script
# that asks for the recommendations of the people in IDS_FILE in turn, with a bearer token.
write_recs_lua() {
    local ids_file=$1 token=$2 out=$3 lua_ids
    lua_ids=$(sed 's/.*/"&",/' "$ids_file" | tr -d '\n')
    cat >"$out" <<LUA
local ids = { $lua_ids }
local i = 0
wrk.headers["Authorization"] = "Bearer $token"
wrk.headers["Accept"] = "application/json"
request = function()
    i = i + 1
    return wrk.format("GET", "/api/customers/" .. ids[(i % #ids) + 1] .. "/recommendations")
end
LUA
}

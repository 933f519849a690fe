# xferlog → NDJSON, the hand-written awk baseline of the benchmarks (POSIX awk; written for mawk).
#
#   mawk -f benchmarks/xferlog.awk /var/log/xferlog > xferlog.ndjson
#
# One JSON object per line with the fields and the layout `logjson --tz UTC` writes for the xferlog
# dialect: times are taken as UTC, `log.file.path` is the input file (absent on standard input) and
# `logjson.line` the line number in it. A line that does not have the xferlog shape becomes a record like
# logjson's rejected ones (`logjson.unparsed`, `error.message`, `event.original`).
#
#   Thu Sep  2 09:52:00 2004 50 192.168.20.10 896242 /home/test/file1.tgz b _ o r suporte ftp 0 * c
#   $1  $2  $3 $4       $5   $6 $7            $8     $9 (file name)       ...the last 9 (8) fields
#
# Fields come from both ends: the date (5 tokens) and transfer time, host and size from the left, the
# eight flag fields (nine when the line ends with a completion status) from the right; what lies between
# is the file name, cut out of $0 with its spacing when it contains spaces. What depends only on a few
# codes (the event, network and xferlog objects, the date part of the timestamp, the source object) is
# built once per distinct key and kept in an array, as logjson keeps its memos; only strings that contain
# a `"`, a `\` or a control character go through the escaping function.

BEGIN {
    split("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec", names, " ")
    split("31 29 31 30 31 30 31 31 30 31 30 31", lengths, " ")
    for (i = 1; i <= 12; i++) { monthNumber[names[i]] = i; monthLength[names[i]] = lengths[i] + 0 }
    directions["o"] = "download"; directions["i"] = "upload"; directions["d"] = "delete"
    outcomes["c"] = "success"; outcomes["i"] = "failure"; outcomes["0"] = "success"; outcomes["1"] = "failure"
    outcomes["-"] = "unknown"
    transferTypes["a"] = "ascii"; transferTypes["b"] = "binary"
    specialActions["C"] = "compressed"; specialActions["U"] = "uncompressed"; specialActions["T"] = "tar"
    accessModes["a"] = "anonymous"; accessModes["g"] = "guest"; accessModes["r"] = "real"
    authenticationMethods["0"] = "none"; authenticationMethods["1"] = "rfc931"
    # JSON escapes of the control characters, as JSON.stringify writes them
    for (i = 1; i < 32; i++) controls[sprintf("%c", i)] = sprintf("\\u%04x", i)
    controls["\b"] = "\\b"; controls["\t"] = "\\t"; controls["\n"] = "\\n"; controls["\f"] = "\\f"; controls["\r"] = "\\r"
    MEMO_LIMIT = 4096
    OFS = ""
}

# JSON string contents of s: `"` and `\` escaped, control characters as \uXXXX (or \n, \t, ...).
function esc(s,    out, i, n, c) {
    if (index(s, "\\") || index(s, "\"")) gsub(/["\\]/, "\\\\&", s)
    if (s !~ /[\001-\037]/) return s
    out = ""
    n = length(s)
    for (i = 1; i <= n; i++) {
        c = substr(s, i, 1)
        out = out ((c in controls) ? controls[c] : c)
    }
    return out
}

# The file name of a line whose name has spaces ($9 to $(b - 1)), cut out of $0 with its spacing.
# Usually single spaces separate its words and the fields before it: then the name starts after the
# first " year time host size " (the validated date cannot hold another one) and reads as the words
# joined by spaces. Otherwise the line is split at each blank and the name found by counting fields
# (a regular expression for the same thing is 10x slower in mawk).
function spacedPath(b,    left, path, start, end, i, n, parts, field, at) {
    left = " " $5 " " $6 " " $7 " " $8 " "
    path = $9
    for (i = 10; i < b; i++) path = path " " $i
    if ((start = index($0, left)) && substr($0, start + length(left), length(path)) == path) return path
    n = split($0, parts, /[ \t]/)
    field = 0
    at = 1
    for (i = 1; i <= n; i++) {
        if (parts[i] != "") {
            field++
            if (field == 9) start = at
            else if (field == b) break
            end = at + length(parts[i]) - 1
        }
        at += length(parts[i]) + 1
    }
    return substr($0, start, end - start + 1)
}

# "2004-09-02T" for year, month name and day, or "" when that day does not exist.
function datePrefix(year, month, day,    m) {
    if (!(month in monthNumber) || year !~ /^[0-9][0-9][0-9][0-9]$/ || day !~ /^[0-9][0-9]?$/) return ""
    m = monthNumber[month]
    day += 0
    if (day < 1 || day > monthLength[month]) return ""
    if (m == 2 && day == 29 && (year % 4 != 0 || (year % 100 == 0 && year % 400 != 0))) return ""
    return sprintf("%s-%02d-%02dT", year, m, day)
}

# `"event":{...},` for direction, completion status ("-": none) and transfer time, or "" when invalid.
function eventObject(direction, status, seconds) {
    if (!(direction in directions) || !(status in outcomes) || seconds !~ /^[0-9]+$/ || length(seconds) > 12) return ""
    # nanoseconds as decimal text: exact, and the digits JSON.stringify writes for seconds * 1e9
    sub(/^0+/, "", seconds)
    return "\"event\":{\"dataset\":\"xferlog\",\"action\":\"" directions[direction] "\",\"outcome\":\"" outcomes[status] \
        "\",\"duration\":" (seconds == "" ? "0" : seconds "000000000") "}," logFile
}

# `"network":{...},"xferlog":{... ` (left open for the authenticated user id) for the flag fields, or "".
function flagsObject(type, special, mode, service, method,    words, i, n, c) {
    if (!(type in transferTypes) || !(mode in accessModes) || !(method in authenticationMethods)) return ""
    if (special == "_") words = ""
    else {
        n = length(special)
        words = ""
        for (i = 1; i <= n; i++) {
            c = substr(special, i, 1)
            if (!(c in specialActions)) return ""
            words = words (i > 1 ? "," : "") "\"" specialActions[c] "\""
        }
    }
    return "\"network\":{\"protocol\":\"" esc(tolower(service)) "\"},\"xferlog\":{\"transfer_type\":\"" transferTypes[type] \
        "\",\"special_action\":[" words "],\"access_mode\":\"" accessModes[mode] "\",\"authentication_method\":\"" \
        authenticationMethods[method] "\""
}

# `"source":{"ip":...}` or `"source":{"domain":...}`: an address when the host reads as IPv4 or IPv6.
function sourceObject(host) {
    return "\"source\":{\"" (isIPv4(host) || isIPv6(host) ? "ip" : "domain") "\":\"" esc(host) "\"}"
}

function isIPv4(s,    parts, i) {
    if (s !~ /^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$/) return 0
    split(s, parts, ".")
    for (i = 1; i <= 4; i++) if (length(parts[i]) > 3 || parts[i] + 0 > 255 || (length(parts[i]) > 1 && parts[i] ~ /^0/)) return 0
    return 1
}

function isIPv6(s,    zone, groups, n, i, filled, compressed) {
    if (!index(s, ":")) return 0
    zone = index(s, "%")
    if (zone) { if (zone == length(s)) return 0; s = substr(s, 1, zone - 1) }
    if (s !~ /^[0-9A-Fa-f:.]+$/) return 0
    # an embedded IPv4 address takes the place of the last two groups
    if (index(s, ".")) {
        n = split(s, groups, ":")
        if (!isIPv4(groups[n])) return 0
        s = substr(s, 1, length(s) - length(groups[n])) "0:0"
    }
    compressed = index(s, "::")
    if (compressed && index(substr(s, compressed + 1), "::")) return 0
    if ((substr(s, 1, 1) == ":" && compressed != 1) || (substr(s, length(s)) == ":" && substr(s, length(s) - 1) != "::")) return 0
    n = split(s, groups, ":")
    filled = 0
    for (i = 1; i <= n; i++) {
        if (groups[i] == "") continue
        if (length(groups[i]) > 4) return 0
        filled++
    }
    return compressed ? filled <= 7 : filled == 8 && n == 8
}

function reject(message) {
    print "{\"logjson\":{\"line\":" FNR ",\"unparsed\":true},\"error\":{\"type\":\"parse\",\"message\":\"xferlog: " \
        esc(message) "\"},\"event\":{\"original\":\"" esc($0) "\"}" rejectedLogFile "}"
}

FNR == 1 {
    logFile = (FILENAME == "" || FILENAME == "-") ? "" : "\"log\":{\"file\":{\"path\":\"" esc(FILENAME) "\"}},"
    rejectedLogFile = logFile == "" ? "" : "," substr(logFile, 1, length(logFile) - 1)
    # the event memo holds the log object of the file
    split("", eventMemo); eventCount = 0
}

{
    last = $NF
    # the common line: fourteen fields, ends with "c" or "i"
    if (last == "c" || last == "i") { b = NF - 8; status = last }
    else {
        if (NF == 0) next
        if (last ~ /\r$/) { sub(/\r+$/, ""); if (NF == 0) next; last = $NF }
        if ((last in outcomes) && last != "-") { b = NF - 8; status = last } else { b = NF - 7; status = "-" }
    }
    if (b < 10) {
        # too few fields for a 14-field line: a 13-field one, if it has a file name
        if (status == "-" || b < 9) { reject("expected 13 or 14 fields, found " NF " (the date counts as 5)"); next }
        b++; status = "-"
    }

    # Each memo is read once; a miss leaves an empty entry, which the object then fills (an invalid
    # combination stays empty and is looked at again each time it comes).
    if ((flags = flagsMemo[$b, $(b + 1), $(b + 3), $(b + 5), $(b + 6)]) == "") {
        if (++flagsCount > MEMO_LIMIT) { split("", flagsMemo); flagsCount = 1 }
        flags = flagsMemo[$b, $(b + 1), $(b + 3), $(b + 5), $(b + 6)] = flagsObject($b, $(b + 1), $(b + 3), $(b + 5), $(b + 6))
        if (flags == "" && status != "-" && b < NF - 7) {
            # not the flags of a 14-field line: maybe a 13-field line whose ident user is "c", "i", "0" or "1"
            b++; status = "-"
            flags = flagsMemo[$b, $(b + 1), $(b + 3), $(b + 5), $(b + 6)] = flagsObject($b, $(b + 1), $(b + 3), $(b + 5), $(b + 6))
        }
        if (flags == "") { reject("the fields do not have the xferlog shape"); next }
    }

    if ((event = eventMemo[$(b + 2), status, $6]) == "") {
        if (++eventCount > MEMO_LIMIT) { split("", eventMemo); eventCount = 1 }
        event = eventMemo[$(b + 2), status, $6] = eventObject($(b + 2), status, $6)
        if (event == "") { reject("the fields do not have the xferlog shape"); next }
    }

    if ((date = dateMemo[$5, $2, $3, $1]) == "") {
        if (++dateCount > MEMO_LIMIT) { split("", dateMemo); dateCount = 1 }
        date = dateMemo[$5, $2, $3, $1] = $1 ~ /^[A-Za-z][A-Za-z][A-Za-z]$/ ? datePrefix($5, $2, $3) : ""
        if (date == "") { reject("does not start with a valid date like \"Mon Jan  5 12:00:01 2004\""); next }
    }
    time = $4
    if (time !~ /^([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]$/) {
        # a leap second is read as the last second of its minute, as logjson does
        if (time !~ /^([01][0-9]|2[0-3]):[0-5][0-9]:60$/) { reject("does not start with a valid date like \"Mon Jan  5 12:00:01 2004\""); next }
        time = substr(time, 1, 6) "59"
    }

    size = $8
    if (size ~ /^0|[^0-9]/ || length(size) > 15) {
        if (size ~ /[^0-9]/) { reject("the byte count after the remote host is not a whole number"); next }
        sub(/^0+/, "", size)
        if (size == "") size = "0"
        # beyond 2^53 - 1 the number JSON readers get is not the one written
        if (length(size) > 16 || (length(size) == 16 && size "" > "9007199254740991")) { reject("byte count " size " is too large to be exact"); next }
    }

    if ((source = sourceMemo[$7]) == "") {
        if (++sourceCount > MEMO_LIMIT) { split("", sourceMemo); sourceCount = 1 }
        source = sourceMemo[$7] = sourceObject($7)
    }

    path = b == 10 ? $9 : spacedPath(b)
    if (path ~ /["\\\001-\037]/) path = esc(path)

    user = $(b + 4)
    if (user ~ /["\\\001-\037]/) user = esc(user)

    # print with OFS = "" writes its arguments one after the other without building the line
    if ($(b + 7) == "*")
        print "{\"@timestamp\":\"", date, time, ".000Z\",", event, source, ",\"user\":{\"name\":\"", user,
            "\"},\"file\":{\"path\":\"", path, "\",\"size\":", size, "},", flags, "},\"logjson\":{\"line\":", FNR, "}}"
    else
        print "{\"@timestamp\":\"", date, time, ".000Z\",", event, source, ",\"user\":{\"name\":\"", user,
            "\"},\"file\":{\"path\":\"", path, "\",\"size\":", size, "},", flags, ",\"authenticated_user_id\":\"", esc($(b + 7)),
            "\"},\"logjson\":{\"line\":", FNR, "}}"
}

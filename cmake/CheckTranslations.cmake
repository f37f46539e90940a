# SPDX-License-Identifier: GPL-3.0-or-later
# cmake -DTS_FILE=<file.ts> -P CheckTranslations.cmake
# Fails when the catalogue has a message without a finished translation.
file(READ "${TS_FILE}" ts)
string(REGEX MATCHALL "<message[ >]" messages "${ts}")
list(LENGTH messages total)
string(REGEX MATCHALL "type=\"unfinished\"" unfinished "${ts}")
list(LENGTH unfinished open)
string(REGEX MATCHALL "<translation></translation>" empty "${ts}")
list(LENGTH empty blank)
if(total EQUAL 0)
    message(FATAL_ERROR "${TS_FILE}: no messages at all; run the update_translations target")
endif()
if(open GREATER 0 OR blank GREATER 0)
    message(FATAL_ERROR "${TS_FILE}: ${open} unfinished and ${blank} empty of ${total} messages")
endif()
message(STATUS "${TS_FILE}: all ${total} messages translated")

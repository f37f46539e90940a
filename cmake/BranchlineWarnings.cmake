# SPDX-License-Identifier: GPL-3.0-or-later
# branchline_set_warnings(<target> [RELAXED_STRINGS]): the project's warning set, applied per
# target. Product code may not build a QString from a bare char literal (every string is
# either translated or deliberately QStringLiteral); tests, full of literal expectations,
# pass RELAXED_STRINGS.
function(branchline_set_warnings target)
    cmake_parse_arguments(W "RELAXED_STRINGS" "" "" ${ARGN})
    target_compile_options(${target} PRIVATE
        -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast
        -Wcast-align -Woverloaded-virtual -Wconversion -Wsign-conversion -Wno-sign-conversion
        -Wformat=2 -Wimplicit-fallthrough)
    if(BRANCHLINE_WARNINGS_AS_ERRORS)
        target_compile_options(${target} PRIVATE -Werror)
    endif()
    target_compile_definitions(${target} PRIVATE
        QT_NO_URL_CAST_FROM_STRING QT_NO_NARROWING_CONVERSIONS_IN_CONNECT QT_USE_QSTRINGBUILDER)
    if(NOT W_RELAXED_STRINGS)
        target_compile_definitions(${target} PRIVATE QT_NO_CAST_FROM_ASCII QT_NO_CAST_TO_ASCII)
    endif()
endfunction()

# SPDX-License-Identifier: GPL-3.0-or-later
# branchline_add_test(NAME <name> SOURCES <files...> LIBS <targets...> [GUI] [KEYRING]
#                     [SERVER])
#
# One Qt Test executable registered with ctest. Every test runs with LANG=C.UTF-8 and the
# offscreen platform, so nothing needs a display. KEYRING tests talk to a real Secret Service
# and are labelled so scripts/test.sh runs them inside a private D-Bus session. SERVER tests
# use the server's fixtures (never the client's, which link SQLCipher: its sqlite3_*
# symbols would shadow those of Qt's QSQLITE plugin) and a PostgreSQL that
# scripts/with-postgres.sh starts.
function(branchline_add_test)
    cmake_parse_arguments(T "GUI;KEYRING;SERVER" "NAME" "SOURCES;LIBS" ${ARGN})
    add_executable(${T_NAME} ${T_SOURCES})
    if(T_SERVER)
        target_link_libraries(${T_NAME} PRIVATE Qt6::Test branchline_server_test_support ${T_LIBS})
    else()
        target_link_libraries(${T_NAME} PRIVATE Qt6::Test branchline_test_support ${T_LIBS})
    endif()
    branchline_set_warnings(${T_NAME} RELAXED_STRINGS)
    add_test(NAME ${T_NAME} COMMAND ${T_NAME})
    set(labels models)
    if(T_GUI)
        set(labels gui)
    endif()
    if(T_KEYRING)
        list(APPEND labels keyring)
    endif()
    if(T_SERVER)
        set(labels server)
    endif()
    set_tests_properties(${T_NAME} PROPERTIES
        LABELS "${labels}"
        TIMEOUT 300
        ENVIRONMENT "LANG=C.UTF-8;LC_ALL=C.UTF-8;QT_QPA_PLATFORM=offscreen;QT_LOGGING_RULES=branchline.*.debug=false")
endfunction()

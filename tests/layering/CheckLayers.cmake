# SPDX-License-Identifier: GPL-3.0-or-later
# Fails when a file includes a header of a layer it may not depend on, or when ui/ or app/
# run SQL (CONVENTIONS.md: models knows no widgets, ui issues no SQL). The libraries'
# link graph stops most of this at build time; what it cannot see is a header found through
# a relative path or an include directory another library exports, and SQL text in a
# widget, so this reads the sources.
#
#   cmake -DSOURCE_DIR=<checkout> -P CheckLayers.cmake
cmake_minimum_required(VERSION 3.25)
if(NOT SOURCE_DIR)
    message(FATAL_ERROR "CheckLayers.cmake: pass -DSOURCE_DIR=<the checkout>")
endif()

# The folders a layer's headers are found from (its include directories) …
# The shared domain (models/domain: records, rules, the record schema) is its own layer: the
# server links it and nothing else of models/.
set(roots_domain "${SOURCE_DIR}/models")
set(roots_models "${SOURCE_DIR}/models")
set(roots_sync "${SOURCE_DIR}/sync")
set(roots_server "${SOURCE_DIR}/server")
set(roots_ui "${SOURCE_DIR}/ui")
foreach(part approvals conflicts customers dashboards leads style tasks)
    list(APPEND roots_ui "${SOURCE_DIR}/ui/${part}")
endforeach()
# … and the layers each may include from (itself first).
set(allowed_domain domain)
set(allowed_models models domain)
set(allowed_sync sync models domain)
set(allowed_ui ui sync models domain)
set(allowed_server server sync domain)
set(layers domain models sync ui server)

# The layer a file of the checkout belongs to, or "" for one outside every layer.
function(layer_of path out)
    file(RELATIVE_PATH relative "${SOURCE_DIR}" "${path}")
    string(REGEX MATCH "^[^/]+" top "${relative}")
    if(relative MATCHES "^models/domain/")
        set(${out} "domain" PARENT_SCOPE)
    elseif(top IN_LIST layers)
        set(${out} "${top}" PARENT_SCOPE)
    else()
        set(${out} "" PARENT_SCOPE)
    endif()
endfunction()

set(problems "")
set(folder_domain "models/domain")
foreach(layer IN LISTS layers)
    if(NOT folder_${layer})
        set(folder_${layer} "${layer}")
    endif()
endforeach()
foreach(layer IN LISTS layers)
    file(GLOB_RECURSE sources "${SOURCE_DIR}/${folder_${layer}}/*.cpp"
         "${SOURCE_DIR}/${folder_${layer}}/*.h")
    foreach(source IN LISTS sources)
        layer_of("${source}" own)
        if(NOT own STREQUAL layer)
            continue() # models/domain's files, read as the domain layer
        endif()
        file(STRINGS "${source}" includes REGEX "^[ \t]*#[ \t]*include[ \t]+\"")
        get_filename_component(here "${source}" DIRECTORY)
        foreach(line IN LISTS includes)
            string(REGEX REPLACE "^[ \t]*#[ \t]*include[ \t]+\"([^\"]+)\".*" "\\1" header "${line}")
            # Where the header is: beside the file, else in the layers whose include folders
            # hold it. An include is fine when an allowed layer holds it.
            set(holders "")
            if(EXISTS "${here}/${header}")
                get_filename_component(found "${here}/${header}" ABSOLUTE)
                layer_of("${found}" holder)
                list(APPEND holders "${holder}")
            else()
                foreach(other IN LISTS layers)
                    foreach(root IN LISTS roots_${other})
                        if(EXISTS "${root}/${header}")
                            layer_of("${root}/${header}" holder)
                            list(APPEND holders "${holder}")
                        endif()
                    endforeach()
                endforeach()
            endif()
            if(NOT holders)
                continue() # generated (moc, ui, config headers) or from a package
            endif()
            set(fine FALSE)
            foreach(holder IN LISTS holders)
                if(holder IN_LIST allowed_${layer})
                    set(fine TRUE)
                endif()
            endforeach()
            if(NOT fine)
                file(RELATIVE_PATH relative "${SOURCE_DIR}" "${source}")
                list(REMOVE_DUPLICATES holders)
                string(REPLACE ";" ", " holders "${holders}")
                string(APPEND problems
                       "${relative}: includes \"${header}\" of ${holders}; ${layer} may not\n")
            endif()
        endforeach()
    endforeach()
endforeach()

# SQL belongs to the repositories in models/: widgets and the application get their data
# from them.
file(GLOB_RECURSE widget_sources "${SOURCE_DIR}/ui/*.cpp" "${SOURCE_DIR}/ui/*.h"
     "${SOURCE_DIR}/app/*.cpp" "${SOURCE_DIR}/app/*.h")
foreach(source IN LISTS widget_sources)
    file(STRINGS "${source}" sql REGEX
         "QSqlQuery|QSqlQueryModel|QSqlTableModel|\"(SELECT|INSERT|UPDATE|DELETE|CREATE|PRAGMA) ")
    if(sql)
        file(RELATIVE_PATH relative "${SOURCE_DIR}" "${source}")
        list(GET sql 0 first)
        string(STRIP "${first}" first)
        string(APPEND problems "${relative}: SQL outside models/: ${first}\n")
    endif()
endforeach()

if(problems)
    message(FATAL_ERROR "Layering broken:\n${problems}")
endif()
message(STATUS "Layers respected: domain, models, sync, ui, server; no SQL in ui/ or app/")

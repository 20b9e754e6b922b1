# CPack pre-build script (CPACK_PRE_BUILD_SCRIPTS, installers/CMakeLists.txt): strips the
# staged files before they are packaged, in place of CPACK_STRIP_FILES, whose plain `strip`
# also removes the plugins' symbol table (.symtab). Boost 1.74's library_info, with which the
# plugin host checks a plugin's entry points before running any of its code, reads only that
# table: fully stripped, every plugin is refused as "not a Chorus plugin". So the plugins lose
# their debug info only; the programs and libchorus_core are stripped fully.
file(GLOB_RECURSE staged LIST_DIRECTORIES false "${CPACK_TEMPORARY_INSTALL_DIRECTORY}/*")
foreach(file IN LISTS staged)
  if(file MATCHES "/lib/chorus/plugins/[^/]+\\.so$")
    set(how --strip-debug)
  elseif(file MATCHES "/bin/[^/]+$" OR file MATCHES "/lib/libchorus_core\\.so\\.[0-9.]+$")
    set(how --strip-all)
  else()
    continue()
  endif()
  execute_process(COMMAND "${CPACK_CHORUS_STRIP}" ${how} "${file}" RESULT_VARIABLE failed)
  if(failed)
    message(FATAL_ERROR "strip ${how} ${file} failed")
  endif()
endforeach()

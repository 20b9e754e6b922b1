# chorus_embed_files(<target> <function> <files>...): compiles data files (instrument
# definitions, bank holidays) into <target> as chorus::embedded::<function>(), a list of
# {file name, text}, declared in the generated header "<function>.hpp". Used by core (the
# demo) and by plugins, so that each is one file to install.
function(chorus_embed_files target function)
  set(dir ${CMAKE_CURRENT_BINARY_DIR}/generated)
  # A ';' list would split into several command arguments: pass it '|'-separated.
  string(REPLACE ";" "|" inputs_arg "${ARGN}")
  add_custom_command(
    OUTPUT ${dir}/${function}.cpp ${dir}/${function}.hpp
    COMMAND ${CMAKE_COMMAND} "-DOUTPUT_DIR=${dir}" "-DINPUTS=${inputs_arg}"
            "-DFUNCTION=${function}" -P ${PROJECT_SOURCE_DIR}/core/cmake/embed_text.cmake
    DEPENDS ${ARGN} ${PROJECT_SOURCE_DIR}/core/cmake/embed_text.cmake
    COMMENT "Embedding ${function} into ${target}"
    VERBATIM)
  target_sources(${target} PRIVATE ${dir}/${function}.cpp ${dir}/${function}.hpp)
  target_include_directories(${target} PRIVATE ${dir})
endfunction()

# greenlint_embed_files(<output.cpp> <function-name> <files...>)
# Generates a C++ source defining
#   const std::vector<std::pair<const char *, const char *>> &<function-name>();
# holding each file's name and text, so data files travel inside the binary that uses them.
function(greenlint_embed_files Output Function)
  set(Files ${ARGN})
  add_custom_command(
    OUTPUT ${Output}
    COMMAND ${CMAKE_COMMAND} -DOUTPUT=${Output} -DFUNCTION=${Function}
            "-DFILES=${Files}" -P ${PROJECT_SOURCE_DIR}/cmake/EmbedFilesScript.cmake
    DEPENDS ${Files} ${PROJECT_SOURCE_DIR}/cmake/EmbedFilesScript.cmake
    COMMENT "Embedding data files into ${Function}"
    VERBATIM)
endfunction()

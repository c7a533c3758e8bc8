# Build-time helper: cmake -DMODE=run|gzip -DIN=... -DOUT=... [-DARG=...] -P GenerateFile.cmake
# run:  OUT receives the standard output of `IN ARG` (the sample config from the binary).
# gzip: OUT is IN compressed reproducibly (no name or time stamp), as Debian wants man pages.
if(MODE STREQUAL "run")
  # A sanitizer build's leak report at exit must not fail the build.
  execute_process(COMMAND "${CMAKE_COMMAND}" -E env ASAN_OPTIONS=detect_leaks=0 "${IN}" "${ARG}"
                  OUTPUT_FILE "${OUT}.tmp" RESULT_VARIABLE rc)
elseif(MODE STREQUAL "gzip")
  execute_process(COMMAND gzip -9 -n -c "${IN}" OUTPUT_FILE "${OUT}.tmp" RESULT_VARIABLE rc)
else()
  message(FATAL_ERROR "GenerateFile.cmake: unknown MODE ${MODE}")
endif()
if(NOT rc EQUAL 0)
  file(REMOVE "${OUT}.tmp")
  message(FATAL_ERROR "GenerateFile.cmake: ${MODE} ${IN} failed: ${rc}")
endif()
file(RENAME "${OUT}.tmp" "${OUT}")

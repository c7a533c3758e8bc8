# One small helper per kind of target, so directory CMakeLists stay source lists.

# auth_add_library(NAME ALIAS Auth::Thing SOURCES ... LIBS ...)
function(auth_add_library name)
  cmake_parse_arguments(ARG "" "ALIAS" "SOURCES;LIBS;PUBLIC_LIBS" ${ARGN})
  qt_add_library(${name} STATIC ${ARG_SOURCES})
  target_include_directories(${name} PUBLIC "${CMAKE_CURRENT_SOURCE_DIR}")
  target_link_libraries(${name} PUBLIC ${ARG_PUBLIC_LIBS} PRIVATE ${ARG_LIBS})
  set_target_properties(${name} PROPERTIES POSITION_INDEPENDENT_CODE ON)
  if(ARG_ALIAS)
    add_library(${ARG_ALIAS} ALIAS ${name})
  endif()
endfunction()

# auth_add_test(TestThing SOURCES ... LIBS ... [LABELS ...] [TIMEOUT s])
# One Qt Test executable registered with ctest; it links the shared test support.
function(auth_add_test name)
  cmake_parse_arguments(ARG "" "TIMEOUT" "SOURCES;LIBS;LABELS" ${ARGN})
  qt_add_executable(${name} ${ARG_SOURCES})
  set_target_properties(${name} PROPERTIES MACOSX_BUNDLE OFF WIN32_EXECUTABLE OFF)
  target_link_libraries(${name} PRIVATE Qt6::Test Auth::TestSupport ${ARG_LIBS})
  add_test(NAME ${name} COMMAND ${name})
  if(NOT ARG_TIMEOUT)
    set(ARG_TIMEOUT 120)
  endif()
  set_tests_properties(${name} PROPERTIES TIMEOUT ${ARG_TIMEOUT}
    ENVIRONMENT "QT_QPA_PLATFORM=offscreen;AUTH_SOURCE_DIR=${PROJECT_SOURCE_DIR}"
    LABELS "${ARG_LABELS}")
endfunction()

# auth_add_backend_variant(TestThing)
# Registers an integration suite a second time as TestThing.postgres-redis:
# TestServer then gives each server a fresh PostgreSQL database and a Redis key
# prefix of its own (from scripts/with-test-services). Without those services
# the variant reports itself skipped.
function(auth_add_backend_variant name)
  get_test_property(${name} TIMEOUT timeout)
  get_test_property(${name} LABELS labels)
  add_test(NAME ${name}.postgres-redis COMMAND ${name})
  set_tests_properties(${name}.postgres-redis PROPERTIES TIMEOUT ${timeout}
    ENVIRONMENT "QT_QPA_PLATFORM=offscreen;AUTH_SOURCE_DIR=${PROJECT_SOURCE_DIR};AUTH_TEST_BACKENDS=postgres-redis"
    LABELS "${labels};postgres-redis"
    SKIP_REGULAR_EXPRESSION "AUTH_TEST_POSTGRES_URL and AUTH_TEST_REDIS_URL are not set")
endfunction()
